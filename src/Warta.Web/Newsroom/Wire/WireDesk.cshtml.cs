using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Accounts.Staff;
using Warta.Web.Content;

namespace Warta.Web.Newsroom.Wire;

public sealed record WireDeskRow(Guid ArticleId, string Agency, DateTimeOffset? AgencyTime, DateTimeOffset ImportedAt, string Title, ArticleStatus Status,
    bool Untouched, DateTimeOffset? UpdateWithheldAt, DateTimeOffset? UpdatedAt, string? Link);

/// <summary>The Wire desk: agency copy waiting as drafts, newest agency time first.</summary>
[Authorize(Policy = StaffAccess.EditorPolicy)]
public sealed class WireDeskModel(WartaDb db) : PageModel
{
    public const int PageSize = 100;

    public IReadOnlyList<WireDeskRow> Rows { get; private set; } = [];
    public bool ShowAll { get; private set; }

    public static string EditorUrl(Guid articleId) => $"/redaksi/sunting/{articleId}";

    public async Task OnGetAsync(bool semua = false)
    {
        ShowAll = semua;
        var items = db.WireItems.AsNoTracking();
        if (!semua) items = items.Where(i => i.Article.Status == ArticleStatus.Draft);
        var rows = await items.OrderByDescending(i => i.AgencyTime ?? i.ImportedAt).Take(PageSize)
            .Select(i => new
            {
                i.ArticleId, i.Feed.Agency, i.AgencyTime, i.ImportedAt, i.Article.Title, i.Article.Body, i.Article.Summary, i.Article.Status,
                i.ContentHash, i.UpdateWithheldAt, i.UpdatedAt, i.Link,
            }).ToListAsync();
        // Untouched is decided by the same hash the importer compares, so the desk and the importer never disagree.
        Rows = rows.Select(r => new WireDeskRow(r.ArticleId, r.Agency, r.AgencyTime, r.ImportedAt, r.Title, r.Status,
            r.Status == ArticleStatus.Draft && WireIngest.ContentHash(r.Title, r.Body, r.Summary) == r.ContentHash, r.UpdateWithheldAt, r.UpdatedAt, r.Link)).ToList();
    }
}
