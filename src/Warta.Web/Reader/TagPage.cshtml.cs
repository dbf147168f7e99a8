using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Content;
using Warta.Web.Shared;

namespace Warta.Web.Reader;

public sealed class TagModel(WartaDb db, StoryQueries queries) : SitePage
{
    public string Name { get; private set; } = "";
    public string BasePath { get; private set; } = "";
    public PagedCards List { get; private set; } = new([], 1, 1);

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] string? halaman)
    {
        var tag = await db.Tags.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == slug);
        if (tag is null) return NotFound();
        Name = tag.Name;
        BasePath = "/tag/" + tag.Slug;
        // From the tag's links to the stories (an index seek), not from every story to its tags.
        var tagged = from link in db.ArticleTags
                     where link.TagId == tag.Id
                     join article in StoryQueries.Visible(db, queries.Now) on link.ArticleId equals article.Id
                     select article;
        List = await queries.PageAsync("tag:" + tag.Id, tagged, PageNumber(halaman));
        PageTitle = List.Page > 1 ? $"{tag.Name} — Halaman {List.Page}" : tag.Name;
        Description = $"Berita dengan tag {tag.Name}.";
        return Page();
    }
}
