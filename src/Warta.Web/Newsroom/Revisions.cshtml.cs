using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Accounts;
using Warta.Web.Accounts.Staff;
using Warta.Web.Content;
using Warta.Web.Shared;

namespace Warta.Web.Newsroom;

public sealed record RevisionRow(long Id, int Version, RevisionKind Kind, ArticleStatus Status, string AuthorName, DateTimeOffset CreatedAt, string Title, string? Note);

/// <summary>A story's revisions, newest first; the difference between any two; restoring one as a new revision.</summary>
public sealed class RevisionsModel(WartaDb db, ArticleWriter writer) : StaffPage
{
    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    public int Version { get; private set; }
    public IReadOnlyList<RevisionRow> Rows { get; private set; } = [];
    public (RevisionRow Older, RevisionRow Newer, IReadOnlyList<FieldDiff> Fields)? Diff { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, long? a, long? b)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (a is not null && b is not null)
        {
            var pair = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id && (r.Id == a || r.Id == b)).ToListAsync();
            if (pair.Count != (a == b ? 1 : 2)) return NotFound();
            var older = pair.MinBy(r => r.Id)!;
            var newer = pair.MaxBy(r => r.Id)!;
            Diff = (Row(older), Row(newer), RevisionDiff.Compare(older.Input(), newer.Input()));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, long revision, int version)
    {
        if (!await LoadAsync(id)) return NotFound();
        var result = await writer.RestoreAsync(id, revision, Actor, version);
        switch (result.Refusal)
        {
            case SaveRefusal.None: return Redirect($"/redaksi/sunting/{id}?disimpan={result.Saved!.Status}");
            case SaveRefusal.NotFound: return NotFound();
            case SaveRefusal.Forbidden: return StatusCode(403);
            case SaveRefusal.Conflict:
                Problem = "Berita diubah orang lain sejak halaman ini dibuka; muat ulang lalu pulihkan lagi.";
                break;
            default:
                Problem = "Revisi ini tidak dapat dipulihkan: " + result.Errors.Messages();
                break;
        }
        await LoadAsync(id);
        Response.StatusCode = result.Refusal == SaveRefusal.Conflict ? 409 : 400;
        return Page();
    }

    static RevisionRow Row(ArticleRevision r) => new(r.Id, r.Version, r.Kind, r.Status, r.AuthorName, r.CreatedAt, r.Title, r.Note);

    async Task<bool> LoadAsync(Guid id)
    {
        Id = id;
        var story = await db.Articles.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Title, x.OwnerId, x.Version }).SingleOrDefaultAsync();
        if (story is null || !StoryAccess.CanRead(Actor, story.OwnerId)) return false;
        (Title, Version) = (story.Title, story.Version);
        Rows = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id).OrderByDescending(r => r.Id)
            .Select(r => new RevisionRow(r.Id, r.Version, r.Kind, r.Status, r.AuthorName, r.CreatedAt, r.Title, r.Note)).ToListAsync();
        return true;
    }

    public static string KindLabel(RevisionKind kind) => kind switch
    {
        RevisionKind.Refused => "Ditolak (bentrok)",
        RevisionKind.Restore => "Pemulihan",
        RevisionKind.Scheduled => "Terbit terjadwal",
        _ => "Simpan",
    };
}
