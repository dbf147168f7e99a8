using Microsoft.AspNetCore.Mvc;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Search;

/// <summary>
/// The search box in the site header: a plain GET form to the search page, so it works with JavaScript off. Its markup
/// is the same on every page, so it is rendered once (<see cref="KeptBlocks"/>).
/// </summary>
public sealed class SearchBoxViewComponent(KeptBlocks kept) : ViewComponent
{
    static readonly object Always = new();

    public async Task<IViewComponentResult> InvokeAsync() =>
        kept.Find("SearchBox", "", Always) ?? await kept.KeepAsync(this, View("/Discovery/Search/_SearchBox.cshtml"), "SearchBox", "", Always);
}
