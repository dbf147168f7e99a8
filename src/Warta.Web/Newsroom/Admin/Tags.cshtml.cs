using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Content;
using Warta.Web.Shared;

namespace Warta.Web.Newsroom.Admin;

public sealed class TagsModel(WartaDb db, LabelEditor labels) : FormPage
{
    public const int Shown = 100;
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    public IReadOnlyList<Tag> Tags { get; private set; } = [];

    public async Task OnGetAsync() => Tags = await ListAsync();

    public async Task<IActionResult> OnPostSaveAsync(int? id, string? name, string? slug)
    {
        var (tag, errors) = await labels.SaveTagAsync(HttpContext, id, new TagInput { Name = name, Slug = slug });
        Outcome(errors, $"Tag {tag?.Name} disimpan.");
        Tags = await ListAsync();
        return Page();
    }

    async Task<List<Tag>> ListAsync()
    {
        var query = db.Tags.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var needle = Shared.Slug.From(Query);
            query = query.Where(t => t.Slug.Contains(needle));
        }
        return await query.OrderBy(t => t.Slug).Take(Shown).ToListAsync();
    }
}
