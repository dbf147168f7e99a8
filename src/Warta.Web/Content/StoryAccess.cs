using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts;
using Warta.Web.Data;

namespace Warta.Web.Content;

/// <summary>
/// Who may read a story readers cannot read yet: the newsroom's reading rule, kept with the content it guards so the
/// newsroom's lists and the staff preview apply the same one.
/// </summary>
public static class StoryAccess
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
        var published = StoryQueries.Visible(db, now).Select(a => a.Id);
        return db.Articles.AsNoTracking().Where(a => (a.OwnerId != null && a.OwnerId == actor.UserId) || published.Contains(a.Id));
    }

    /// <summary>A story's place in the workflow as the newsroom names it.</summary>
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
