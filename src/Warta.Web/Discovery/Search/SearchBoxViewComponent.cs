using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Search;

/// <summary>
/// The search box in the site header: a plain GET form to the search page, so it works with JavaScript off. Its markup
/// is the same on every page, so it is rendered once (<see cref="KeptBlocks"/>).
/// </summary>
public sealed class SearchBoxViewComponent(KeptBlocks kept) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        await kept.KeepAsync(this, View("/Discovery/Search/_SearchBox.cshtml"), SearchBoxBlock.Block, "", SearchBoxBlock.Always);
}

/// <summary>The search box's kept markup, without invoking <see cref="SearchBoxViewComponent"/>.</summary>
public sealed class SearchBoxBlock(KeptBlocks kept) : KeptBlock(Block)
{
    public const string Block = "SearchBox";
    /// <summary>The one source the box is rendered from: nothing changes it.</summary>
    public static readonly object Always = new();

    public override ValueTask<IHtmlContent?> FindAsync(SitePage page, object? arguments) => ValueTask.FromResult(kept.FindHtml(Block, "", Always));
}
