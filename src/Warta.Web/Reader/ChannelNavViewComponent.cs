using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Warta.Web.Content;
using Warta.Web.Shared;

namespace Warta.Web.Reader;

public sealed record ChannelNav(IReadOnlyList<ChannelLink> Channels, string? CurrentChannel, bool OnHome);

/// <summary>
/// The header's channel navigation: Beranda and every channel, the one being read marked. Its markup is kept per marked
/// link for as long as the channel list it shows is (<see cref="KeptBlocks"/>): a rename or a new channel renders it anew.
/// </summary>
public sealed class ChannelNavViewComponent(StoryQueries queries, KeptBlocks kept) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string? currentChannel)
    {
        var channels = await queries.ChannelsAsync();
        var onHome = ChannelNavBlock.OnHome(currentChannel, Request);
        var variant = ChannelNavBlock.Variant(currentChannel, onHome);
        return await kept.KeepAsync(this, View("/Reader/_ChannelNav.cshtml", new ChannelNav(channels, currentChannel, onHome)), nameof(ChannelNav), variant, channels);
    }
}

/// <summary>The channel navigation's kept markup, without invoking <see cref="ChannelNavViewComponent"/>.</summary>
public sealed class ChannelNavBlock(StoryQueries queries, KeptBlocks kept) : KeptBlock(nameof(ChannelNav))
{
    public static bool OnHome(string? currentChannel, HttpRequest request) =>
        currentChannel is null && request.Path == "/" && !request.QueryString.HasValue;

    /// <summary>The page's own channel comes from the channel list or a published story's channel: one of a few dozen variants.</summary>
    public static string Variant(string? currentChannel, bool onHome) => onHome ? "/" : currentChannel ?? "";

    public override async ValueTask<IHtmlContent?> FindAsync(SitePage page, object? arguments) =>
        kept.FindHtml(nameof(ChannelNav), Variant(page.CurrentChannel, OnHome(page.CurrentChannel, page.Request)), await queries.ChannelsAsync());
}
