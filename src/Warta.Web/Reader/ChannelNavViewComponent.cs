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
        var onHome = currentChannel is null && Request.Path == "/" && !Request.QueryString.HasValue;
        // The page's own channel comes from the channel list or a published story's channel: one of a few dozen variants.
        var variant = onHome ? "/" : currentChannel ?? "";
        return kept.Find(nameof(ChannelNav), variant, channels)
               ?? await kept.KeepAsync(this, View("/Reader/_ChannelNav.cshtml", new ChannelNav(channels, currentChannel, onHome)), nameof(ChannelNav), variant, channels);
    }
}
