using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;

namespace Warta.Web.Newsroom;

public enum StaffRank { Writer, Editor, Admin }

/// <summary>
/// Who is saving: a staff account (with its rank), an API key, or the system (wire ingest, demo seeding, the scheduler).
/// API keys and the system act with an editor's rights; they own nothing.
/// </summary>
public sealed record Actor(string? UserId, string Name, StaffRank Rank)
{
    public static readonly Actor System = new(null, "Sistem", StaffRank.Editor);
    public static readonly Actor Scheduler = new(null, "Penjadwal", StaffRank.Editor);

    public static Actor ApiKey(string keyName) => new(null, "API: " + keyName, StaffRank.Editor);

    public bool IsEditor => Rank >= StaffRank.Editor;

    /// <summary>The actor behind a request: a signed-in staff member with a role, or an API key; null for anyone else.</summary>
    public static Actor? From(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true } identity) return null;
        if (identity.AuthenticationType == ApiAuth.Scheme) return ApiKey(user.FindFirstValue(ClaimTypes.Name) ?? "key");
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null) return null;
        var name = user.FindFirstValue(ClaimTypes.Name) ?? id;
        if (user.IsInRole(StaffRoles.Admin)) return new Actor(id, name, StaffRank.Admin);
        if (user.IsInRole(StaffRoles.Editor)) return new Actor(id, name, StaffRank.Editor);
        if (user.IsInRole(StaffRoles.Writer)) return new Actor(id, name, StaffRank.Writer);
        return null;
    }
}

/// <summary>The newsroom's rules, in one place, for every route: who may read, edit and move a story where.</summary>
public static class Workflow
{
    /// <summary>Writers see only their own stories in the newsroom; editors and admins see all.</summary>
    public static bool CanRead(Actor actor, string? ownerId) => actor.IsEditor || (ownerId is not null && ownerId == actor.UserId);

    /// <summary>
    /// The stories <paramref name="actor"/> may see in the newsroom: every story for editors; for a writer their own and what
    /// readers can already read. Lookups by id or address that show a headline (Baca Juga) go through this.
    /// </summary>
    public static IQueryable<Article> Readable(WartaDb db, Actor actor, DateTimeOffset now)
    {
        if (actor.IsEditor) return db.Articles.AsNoTracking();
        var published = Reader.ReaderQueries.Visible(db, now).Select(a => a.Id);
        return db.Articles.AsNoTracking().Where(a => (a.OwnerId != null && a.OwnerId == actor.UserId) || published.Contains(a.Id));
    }

    /// <summary>Writers edit their own drafts and returned stories; editors and admins edit anything.</summary>
    public static bool CanEdit(Actor actor, string? ownerId, ArticleStatus status) =>
        actor.IsEditor || (CanRead(actor, ownerId) && status is ArticleStatus.Draft or ArticleStatus.Returned);

    /// <summary>
    /// Null when <paramref name="actor"/> may move a story from <paramref name="from"/> (null: a new story) to <paramref name="to"/>;
    /// otherwise why not, in Indonesian for the editor's page.
    /// </summary>
    public static string? RefuseTransition(Actor actor, ArticleStatus? from, ArticleStatus to)
    {
        if (!actor.IsEditor)
        {
            if (to is not (ArticleStatus.Draft or ArticleStatus.Submitted)) return "Penulis hanya dapat menyimpan draf dan mengirimnya untuk ditinjau.";
            if (from is not (null or ArticleStatus.Draft or ArticleStatus.Returned)) return "Berita ini sudah tidak dapat diubah oleh penulis.";
            return null;
        }
        return (from, to) switch
        {
            (ArticleStatus.Published, ArticleStatus.Draft or ArticleStatus.Submitted or ArticleStatus.Returned or ArticleStatus.Scheduled)
                => "Berita yang sudah terbit harus ditarik dulu sebelum dijadikan draf, dikembalikan atau dijadwalkan ulang.",
            (null, ArticleStatus.Returned) => "Berita baru tidak dapat dikembalikan.",
            (not ArticleStatus.Submitted and not ArticleStatus.Returned, ArticleStatus.Returned) => "Hanya berita yang dikirim untuk ditinjau yang dapat dikembalikan.",
            (not ArticleStatus.Published and not ArticleStatus.Unpublished, ArticleStatus.Unpublished) => "Hanya berita yang sudah terbit yang dapat ditarik.",
            _ => null,
        };
    }

    public static string Label(ArticleStatus status) => status switch
    {
        ArticleStatus.Draft => "Draf",
        ArticleStatus.Submitted => "Menunggu tinjauan",
        ArticleStatus.Returned => "Dikembalikan",
        ArticleStatus.Scheduled => "Terjadwal",
        ArticleStatus.Published => "Terbit",
        ArticleStatus.Unpublished => "Ditarik",
        _ => status.ToString(),
    };
}
