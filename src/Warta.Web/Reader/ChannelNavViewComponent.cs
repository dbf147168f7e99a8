using Microsoft.AspNetCore.Mvc;
using Warta.Web.Content;

namespace Warta.Web.Reader;

public sealed record ChannelNav(IReadOnlyList<ChannelLink> Channels, string? CurrentChannel, bool OnHome);

/// <summary>The header's channel navigation: Beranda and every channel, the one being read marked.</summary>
public sealed class ChannelNavViewComponent(StoryQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string? currentChannel) =>
        View("/Reader/_ChannelNav.cshtml", new ChannelNav(await queries.ChannelsAsync(), currentChannel,
            OnHome: currentChannel is null && Request.Path + Request.QueryString == "/"));
}
