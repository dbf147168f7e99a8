using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts;
using Warta.Web.Accounts.Staff;
using Warta.Web.Content;

namespace Warta.Web.Newsroom;

public sealed record DeskRow(Guid Id, string Title, string Channel, ArticleStatus Status, DateTimeOffset? PublishedAt, DateTimeOffset ModifiedAt, string? Owner);

public sealed record UnsavedDraft(Guid Key, string Title, DateTimeOffset SavedAt);

/// <summary>The newsroom's desk: my drafts, waiting for review, scheduled, published today (WIB). Writers see only their own stories.</summary>
public sealed class DeskModel(WartaDb db, TimeProvider clock) : StaffPage
{
    public const int PageSize = 25;

    public static readonly (string Key, string Label)[] Views =
        [("draf", "Draf saya"), ("tinjauan", "Menunggu tinjauan"), ("terjadwal", "Terjadwal"), ("hari-ini", "Terbit hari ini")];

    [BindProperty(SupportsGet = true, Name = "tampilan")] public string? View { get; set; }
    [BindProperty(SupportsGet = true, Name = "halaman")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<DeskRow> Rows { get; private set; } = [];
    public IReadOnlyList<UnsavedDraft> Unsaved { get; private set; } = [];
    public bool HasNext { get; private set; }
    public string ViewLabel => Views.FirstOrDefault(v => v.Key == View).Label ?? "";

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        if (!Views.Any(v => v.Key == View))
        {
            // Open on the first tab that has work in it, in the order this person usually works through them.
            string[] order = Actor.IsEditor ? ["tinjauan", "draf", "terjadwal", "hari-ini"] : ["draf", "tinjauan", "terjadwal", "hari-ini"];
            View = order[0];
            foreach (var candidate in order)
                if (await ViewQuery(candidate, now).AnyAsync()) { View = candidate; break; }
        }
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var query = ViewQuery(View!, now);
        var rows = await query.Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(a => new DeskRow(a.Id, a.Title, a.Channel.Name, a.Status, a.PublishedAt, a.ModifiedAt,
                db.Users.Where(u => u.Id == a.OwnerId).Select(u => u.DisplayName ?? u.Email).FirstOrDefault()))
            .ToListAsync();
        HasNext = rows.Count > PageSize;
        Rows = rows.Take(PageSize).ToList();
        if (View == "draf" && PageNumber == 1)
        {
            // Stories typed into the editor but never saved: their autosave is all there is, so offer it here.
            Unsaved = await db.ArticleAutosaves.AsNoTracking().Where(s => s.UserId == Actor.UserId && !db.Articles.Any(a => a.Id == s.Key))
                .OrderByDescending(s => s.SavedAt).Take(20).Select(s => new UnsavedDraft(s.Key, s.Title, s.SavedAt)).ToListAsync();
        }
    }

    IQueryable<Article> ViewQuery(string view, DateTimeOffset now)
    {
        var articles = db.Articles.AsNoTracking();
        // Writers never see other people's stories in the newsroom, whatever their status.
        if (!Actor.IsEditor || view == "draf") articles = articles.Where(a => a.OwnerId == Actor.UserId);
        return view switch
        {
            "draf" => articles.Where(a => a.Status == ArticleStatus.Draft || a.Status == ArticleStatus.Returned).OrderByDescending(a => a.ModifiedAt).ThenBy(a => a.Id),
            "tinjauan" => articles.Where(a => a.Status == ArticleStatus.Submitted).OrderBy(a => a.ModifiedAt).ThenBy(a => a.Id),
            "terjadwal" => articles.Where(a => a.Status == ArticleStatus.Scheduled).OrderBy(a => a.PublishedAt).ThenBy(a => a.Id),
            _ => PublishedToday(articles, now),
        };
    }

    static IQueryable<Article> PublishedToday(IQueryable<Article> articles, DateTimeOffset now)
    {
        var start = Indonesian.StartOfWibDay(now);
        return articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt >= start && a.PublishedAt <= now).OrderByDescending(a => a.PublishedAt).ThenBy(a => a.Id);
    }
}
