using Microsoft.AspNetCore.Mvc;

namespace Warta.Web.Discovery.Search;

/// <summary>The search box in the site header: a plain GET form to the search page, so it works with JavaScript off.</summary>
public sealed class SearchBoxViewComponent : ViewComponent
{
    public IViewComponentResult Invoke() => View("/Discovery/Search/_SearchBox.cshtml");
}
