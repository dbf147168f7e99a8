using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Content;
using Warta.Web.Shared;

namespace Warta.Web.Newsroom.Admin;

/// <summary>Reporters, editors and columnists as readers see them in credit lines and on author pages.</summary>
public sealed class PeopleModel(WartaDb db, LabelEditor labels) : FormPage
{
    public const int Shown = 100;
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    public IReadOnlyList<Person> People { get; private set; } = [];

    public async Task OnGetAsync() => People = await ListAsync();

    public async Task<IActionResult> OnPostSaveAsync(int? id, string? name, string? slug, string? role)
    {
        var (person, errors) = await labels.SavePersonAsync(HttpContext, id, new PersonInput { Name = name, Slug = slug, Role = role });
        Outcome(errors, $"{person?.Name} disimpan.");
        People = await ListAsync();
        return Page();
    }

    async Task<List<Person>> ListAsync()
    {
        var query = db.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var needle = Shared.Slug.From(Query);
            query = query.Where(p => p.Slug.Contains(needle));
        }
        return await query.OrderBy(p => p.Slug).Take(Shown).ToListAsync();
    }
}
