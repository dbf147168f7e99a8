using Microsoft.AspNetCore.Mvc;
using Warta.Web.Data;
using Warta.Web.Content;
using Warta.Web.Shared;

namespace Warta.Web.Reader;

[CachedPage("halaman")]
public sealed class ChannelModel(WartaDb db, StoryQueries queries) : SitePage
{
    public string Name { get; private set; } = "";
    public string BasePath { get; private set; } = "";
    public PagedCards List { get; private set; } = new([], 1, 1);

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] string? halaman)
    {
        // The channels every page's navigation lists are kept in memory: a channel page asks the database only for its stories.
        var channel = (await queries.ChannelsAsync()).Find(c => string.Equals(c.Slug, slug, StringComparison.Ordinal));
        if (channel is null) return NotFound();
        Name = channel.Name;
        CurrentChannel = channel.Slug;
        BasePath = ChannelLinks.UrlOf(channel.Slug);
        List = await queries.PageAsync("channel:" + channel.Id, StoryQueries.Visible(db, queries.Now).Where(a => a.ChannelId == channel.Id), PageNumber(halaman));
        PageTitle = List.Page > 1 ? $"{channel.Name} — Halaman {List.Page}" : channel.Name;
        Description = $"Berita terbaru kanal {channel.Name}.";
        return Page();
    }
}
