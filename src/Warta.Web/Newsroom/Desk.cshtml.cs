using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;

namespace Warta.Web.Newsroom;

public sealed record DeskRow(string Title, string Slug, string Channel, ArticleStatus Status, DateTimeOffset? PublishedAt);

public sealed class DeskModel(WartaDb db) : PageModel
{
    public IReadOnlyList<DeskRow> Articles { get; private set; } = [];
    public string? UserName { get; private set; }

    public async Task OnGetAsync()
    {
        UserName = User.Identity?.Name;
        Articles = await db.Articles.AsNoTracking().OrderByDescending(a => a.ModifiedAt).Take(50)
            .Select(a => new DeskRow(a.Title, a.Slug, a.Channel.Name, a.Status, a.PublishedAt)).ToListAsync();
    }
}
