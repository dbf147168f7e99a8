using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;

namespace Warta.Web.Reader;

public sealed class AuthorModel(WartaDb db, ReaderQueries queries) : ReaderPage
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
        List = await ReaderQueries.PageAsync(
            ReaderQueries.Visible(db, queries.Now).Where(a => a.ColumnistId == person.Id || a.EditorId == person.Id || a.Reporters.Any(r => r.PersonId == person.Id)),
            PageNumber(halaman));
        PageTitle = person.Name;
        Description = $"Tulisan dan liputan {person.Name}.";
        return Page();
    }
}
