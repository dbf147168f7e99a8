using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts;
using Warta.Web.Content;

namespace Warta.Web.Newsroom;

/// <summary>The newsroom's rules, in one place, for every route: who may read, edit and move a story where.</summary>
public static class Workflow
{
    /// <summary>Writers edit their own drafts and returned stories; editors and admins edit anything.</summary>
    public static bool CanEdit(Actor actor, string? ownerId, ArticleStatus status) =>
        actor.IsEditor || (StoryAccess.CanRead(actor, ownerId) && status is ArticleStatus.Draft or ArticleStatus.Returned);

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
}
