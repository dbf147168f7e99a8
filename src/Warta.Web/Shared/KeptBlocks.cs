using System.Collections.Concurrent;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;

namespace Warta.Web.Shared;

/// <summary>
/// The markup of the blocks around every page (channel navigation, Terbaru and Terpopuler, the ticker, the search box)
/// rendered once from the values <see cref="CachedReads"/> keeps, and kept exactly as long as those values are. A block's
/// markup is a function of the very instances it was rendered from and of its variant (say, which channel is marked), so
/// while the cache hands out the same instances the kept markup is the markup the view would render. A change bumps the
/// read's generation on every node (or the read's lifetime ends), the cache hands out new instances, and the first page
/// after it renders the block anew. Rendering the view on every page cost more than the rest of the page.
/// </summary>
/// <remarks>
/// Only for views that use nothing but their model: never the reader, a cookie, the path or the time. What a request
/// decides (signed in or not, a dismissed banner, an entitled reader) picks the variant or the source before the lookup;
/// the one per-page value a view may write, the page to return to, goes into a gap (<see cref="KeepAroundAsync"/>).
/// The layout asks each block's <see cref="KeptBlock"/> first; its view component runs only on a miss, and renders and keeps.
/// Variants must come from a small set (the channels, the home page or not), since each is kept.
/// </remarks>
public sealed class KeptBlocks
{
    sealed record Kept(object Source, object? Source2, object? Source3, IViewComponentResult Result);

    readonly ConcurrentDictionary<(string Block, string Variant), Kept> _kept = new();

    /// <summary>The markup kept for <paramref name="block"/>'s <paramref name="variant"/> when it was rendered from these very values, else null.</summary>
    IViewComponentResult? Find(string block, string variant, object source, object? source2 = null, object? source3 = null) =>
        _kept.TryGetValue((block, variant), out var kept)
        && ReferenceEquals(kept.Source, source) && ReferenceEquals(kept.Source2, source2) && ReferenceEquals(kept.Source3, source3)
            ? kept.Result
            : null;

    /// <summary>The kept markup itself, for a <see cref="KeptBlock"/> answering before its view component is invoked.</summary>
    public IHtmlContent? FindHtml(string block, string variant, object source, object? source2 = null, object? source3 = null) =>
        (Find(block, variant, source, source2, source3) as HtmlContentViewComponentResult)?.EncodedContent;

    /// <summary>Renders <paramref name="view"/> once, keeps its markup for what it was rendered from and returns it.</summary>
    public async Task<IViewComponentResult> KeepAsync(ViewComponent component, ViewViewComponentResult view, string block, string variant,
        object source, object? source2 = null, object? source3 = null)
    {
        var result = new HtmlContentViewComponentResult(new HtmlString(await RenderAsync(component, view)));
        _kept[(block, variant)] = new Kept(source, source2, source3, result);
        return result;
    }

    static async Task<string> RenderAsync(ViewComponent component, ViewViewComponentResult view)
    {
        var context = component.ViewComponentContext;
        using var writer = new StringWriter();
        await view.ExecuteAsync(new ViewComponentContext(context.ViewComponentDescriptor, context.Arguments, context.HtmlEncoder, context.ViewContext, writer));
        return writer.ToString();
    }

    // Blocks whose markup is the same for every page but for one value (the page to come back to): kept as the markup
    // before and after that value, which is written into the gap per page. The view is rendered once with this marker in
    // the value's place; it is plain letters, so no encoding changes it, and no view writes it of itself.
    const string Gap = "wartagap7c1e9b";

    /// <summary>The markup before the gap and after it; with no gap (the view did not write the value) all of it is before.</summary>
    sealed record KeptAround(object Source, string Before, string? After)
    {
        public HtmlString With(string gapHtml) => new(After is null ? Before : string.Concat(Before, gapHtml, After));
    }

    readonly ConcurrentDictionary<(string Block, string Variant), KeptAround> _around = new();

    /// <summary>
    /// The markup kept for <paramref name="block"/>'s <paramref name="variant"/> when it was rendered from this very
    /// <paramref name="source"/>, with <paramref name="gapHtml"/> (the value as the view writes it, encoded) in its gap; else null.
    /// </summary>
    public IHtmlContent? FindAround(string block, string variant, object source, string gapHtml) =>
        _around.TryGetValue((block, variant), out var kept) && ReferenceEquals(kept.Source, source)
            ? kept.With(gapHtml)
            : null;

    /// <summary>
    /// Renders the block once around the gap and keeps it; returns it with <paramref name="gapHtml"/> in the gap. A view
    /// that does not write the value is kept whole; one that writes it more than once is rendered with <paramref name="value"/>
    /// and not kept.
    /// </summary>
    public async Task<IViewComponentResult> KeepAroundAsync(ViewComponent component, Func<string, ViewViewComponentResult> view, string value, string gapHtml,
        string block, string variant, object source)
    {
        var marked = await RenderAsync(component, view(Gap));
        var at = marked.IndexOf(Gap, StringComparison.Ordinal);
        if (at >= 0 && marked.IndexOf(Gap, at + Gap.Length, StringComparison.Ordinal) >= 0) return view(value);
        var kept = at < 0 ? new KeptAround(source, marked, null) : new KeptAround(source, marked[..at], marked[(at + Gap.Length)..]);
        _around[(block, variant)] = kept;
        return new HtmlContentViewComponentResult(kept.With(gapHtml));
    }
}

/// <summary>
/// A layout block whose markup is kept (<see cref="KeptBlocks"/>), asked by the layout before its view component is
/// invoked. It reads what the view component would read and returns the kept markup for it, or null when there is none
/// yet (then the view component runs, renders and keeps it). Invoking a view component (activating it with its services,
/// binding its arguments, its logging scope) cost more than the whole of a kept block's work, on every page for every block.
/// </summary>
/// <remarks>Its lookup must be the one its view component makes: the same block name, variant and source values.</remarks>
public abstract class KeptBlock(string name)
{
    /// <summary>The view component's name, as the layout names the block.</summary>
    public string Name => name;

    /// <param name="page">The page being rendered.</param>
    /// <param name="arguments">The arguments the layout gives the view component (an anonymous object), or null.</param>
    public abstract ValueTask<IHtmlContent?> FindAsync(SitePage page, object? arguments);

    /// <summary>One named argument of the layout's anonymous object, as the view component would be given it.</summary>
    protected static string? Argument(object? arguments, string name) =>
        arguments?.GetType().GetProperty(name)?.GetValue(arguments) as string;
}

/// <summary>The kept blocks by name, for the layout (<see cref="SiteBlocks"/>).</summary>
public sealed class KeptBlockIndex(IEnumerable<KeptBlock> blocks)
{
    readonly Dictionary<string, KeptBlock> _byName = blocks.ToDictionary(b => b.Name, StringComparer.Ordinal);

    public KeptBlock? For(string name) => _byName.GetValueOrDefault(name);
}
