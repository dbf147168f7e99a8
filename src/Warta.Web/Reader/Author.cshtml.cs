using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Content;
using Warta.Web.Shared;

namespace Warta.Web.Reader;

public sealed class AuthorModel(WartaDb db, StoryQueries queries) : SitePage
{
    public string Name { get; private set; } = "";
    public string? Role { get; private set; }
    public string BasePath { get; private set; } = "";
    public PagedCards List { get; private set; } = new([], 1, 1);

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] string? halaman)
    {
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug);
        if (person is null) return NotFound();
        Name = person.Name;
        Role = person.Role;
        BasePath = "/penulis/" + person.Slug;
        // Each credit has its own index; their union is small next to the whole archive.
        var credited = db.ArticleReporters.Where(r => r.PersonId == person.Id).Select(r => r.ArticleId)
            .Union(db.Articles.Where(a => a.EditorId == person.Id || a.ColumnistId == person.Id).Select(a => a.Id));
        List = await queries.PageAsync("person:" + person.Id, 
            from id in credited join article in StoryQueries.Visible(db, queries.Now) on id equals article.Id select article,
            PageNumber(halaman));
        PageTitle = person.Name;
        Description = $"Tulisan dan liputan {person.Name}.";
        return Page();
    }
}
