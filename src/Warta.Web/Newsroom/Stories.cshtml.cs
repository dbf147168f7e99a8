using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts;
using Warta.Web.Accounts.Staff;
using Warta.Web.Content;

namespace Warta.Web.Newsroom;

public sealed record StoryRow(Guid Id, string Title, string Slug, string Channel, ArticleStatus Status, DateTimeOffset? PublishedAt,
    DateTimeOffset ListedAt, string? Owner, bool Live);

/// <summary>
/// Every story of every status and date, newest first (publication time, else creation), searchable by words of the
/// headline or body and filtered by status, channel, author and date. Paged by keys (the last row's time and slug), not
/// by offset, so a page is as cheap at the 100,000th story as at the first and stories saved meanwhile shift nothing.
/// Writers see only their own stories.
/// </summary>
public sealed class StoriesModel(WartaDb db, TimeProvider clock) : StaffPage
{
    public const string Path = "/redaksi/berita";
    public const int PageSize = 30;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "kanal")] public string? Channel { get; set; }
    [BindProperty(SupportsGet = true, Name = "penulis")] public string? Author { get; set; }
    /// <summary>WIB dates, inclusive.</summary>
    [BindProperty(SupportsGet = true, Name = "dari")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "sampai")] public string? To { get; set; }
    /// <summary>The key of the last row of the previous page: <c>ticks~slug</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "setelah")] public string? After { get; set; }

    public IReadOnlyList<StoryRow> Rows { get; private set; } = [];
    public string? NextUrl { get; private set; }
    public IReadOnlyList<Channel> Channels { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> Authors { get; private set; } = [];
    public List<string> Problems { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var now = clock.GetUtcNow();
        Channels = await db.Channels.AsNoTracking().OrderBy(c => c.Order).ToListAsync();
        if (Actor.IsEditor)
            Authors = (await db.Users.AsNoTracking().OrderBy(u => u.DisplayName ?? u.Email).Select(u => new { u.Id, Name = u.DisplayName ?? u.Email ?? u.Id }).ToListAsync())
                .Select(u => (u.Id, u.Name)).ToList();

        var stories = db.Articles.AsNoTracking();
        // Writers never see other people's stories in the newsroom, whatever their status.
        if (!Actor.IsEditor) stories = stories.Where(a => a.OwnerId == Actor.UserId);
        else if (!string.IsNullOrEmpty(Author)) stories = stories.Where(a => a.OwnerId == Author);

        if (!string.IsNullOrEmpty(Status))
        {
            if (Enum.TryParse<ArticleStatus>(Status, ignoreCase: true, out var status) && Enum.IsDefined(status)) stories = stories.Where(a => a.Status == status);
            else Problems.Add("Status tidak dikenal.");
        }
        if (!string.IsNullOrEmpty(Channel))
        {
            var channel = Channels.FirstOrDefault(c => c.Slug == Channel);
            if (channel is null) Problems.Add("Kanal tidak dikenal.");
            else stories = stories.Where(a => a.ChannelId == channel.Id);
        }
        if (!string.IsNullOrEmpty(From))
        {
            if (Day(From) is { } day) { var start = Indonesian.FromWib(day.ToDateTime(TimeOnly.MinValue)); stories = stories.Where(a => a.ListedAt >= start); }
            else Problems.Add("Tanggal \"dari\" harus berbentuk YYYY-MM-DD.");
        }
        if (!string.IsNullOrEmpty(To))
        {
            if (Day(To) is { } day) { var end = Indonesian.FromWib(day.AddDays(1).ToDateTime(TimeOnly.MinValue)); stories = stories.Where(a => a.ListedAt < end); }
            else Problems.Add("Tanggal \"sampai\" harus berbentuk YYYY-MM-DD.");
        }
        foreach (var word in Words(Query))
        {
            var pattern = EditorApi.ContainsPattern(word);
            stories = stories.Where(a => EF.Functions.Like(a.Title.ToLower(), pattern, "\\") || EF.Functions.Like(a.Body.ToLower(), pattern, "\\"));
        }
        if (!string.IsNullOrEmpty(After))
        {
            if (Key(After) is { } key)
            {
                var (at, slug) = key;
                stories = stories.Where(a => a.ListedAt < at || (a.ListedAt == at && string.Compare(a.Slug, slug) < 0));
            }
            else Problems.Add("Tautan halaman berikutnya tidak valid.");
        }
        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var rows = await stories.OrderByDescending(a => a.ListedAt).ThenByDescending(a => a.Slug).Take(PageSize + 1)
            .Select(a => new StoryRow(a.Id, a.Title, a.Slug, a.Channel.Name, a.Status, a.PublishedAt, a.ListedAt,
                db.Users.Where(u => u.Id == a.OwnerId).Select(u => u.DisplayName ?? u.Email).FirstOrDefault(),
                a.Status == ArticleStatus.Published && a.PublishedAt <= now))
            .ToListAsync();
        Rows = rows.Take(PageSize).ToList();
        if (rows.Count > PageSize)
        {
            var last = Rows[^1];
            NextUrl = UrlWith(last.ListedAt.UtcTicks.ToString(CultureInfo.InvariantCulture) + "~" + last.Slug);
        }
        return Page();
    }

    /// <summary>This list's address with the same filters, starting after <paramref name="after"/> (null: the first page).</summary>
    public string UrlWith(string? after)
    {
        var query = new Dictionary<string, string?> { ["q"] = Query, ["status"] = Status, ["kanal"] = Channel, ["penulis"] = Author, ["dari"] = From, ["sampai"] = To, ["setelah"] = after }
            .Where(p => !string.IsNullOrEmpty(p.Value));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Path, query);
    }

    /// <summary>Lower-cased words of the search, at most eight, so every one must appear in the headline or the body.</summary>
    public static IReadOnlyList<string> Words(string? query) =>
        (query ?? "").ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length <= 100).Distinct().Take(8).ToList();

    static DateOnly? Day(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    static (DateTimeOffset At, string Slug)? Key(string value)
    {
        var parts = value.Split('~', 2);
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
               && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks && parts[1].Length is > 0 and <= 200
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), parts[1])
            : null;
    }
}
