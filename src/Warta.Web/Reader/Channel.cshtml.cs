using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Content;
using Warta.Web.Shared;

namespace Warta.Web.Reader;

public sealed class ChannelModel(WartaDb db, StoryQueries queries) : SitePage
{
    public string Name { get; private set; } = "";
    public string BasePath { get; private set; } = "";
    public PagedCards List { get; private set; } = new([], 1, 1);

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] string? halaman)
    {
        var channel = await db.Channels.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug);
        if (channel is null) return NotFound();
        Name = channel.Name;
        CurrentChannel = channel.Slug;
        BasePath = "/kanal/" + channel.Slug;
        List = await queries.PageAsync("channel:" + channel.Id, StoryQueries.Visible(db, queries.Now).Where(a => a.ChannelId == channel.Id), PageNumber(halaman));
        PageTitle = List.Page > 1 ? $"{channel.Name} — Halaman {List.Page}" : channel.Name;
        Description = $"Berita terbaru kanal {channel.Name}.";
        return Page();
    }
}
