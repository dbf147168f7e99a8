using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts;
using Warta.Web.Accounts.Staff;
using Warta.Web.Content;

namespace Warta.Web.Newsroom;

public sealed record StoryFacts(Guid Id, string Slug, string? OwnerId, ArticleStatus Status, int Version, string? ReturnNote, DateTimeOffset? PublishedAt, DateTimeOffset ModifiedAt);

public sealed record PreviewLinkRow(Guid Id, string CreatedBy, DateTimeOffset ExpiresAt);

/// <summary>The conflict view: what is stored now, what the refused save held (kept as a revision), and the difference.</summary>
public sealed record ConflictView(long RefusedRevisionId, int CurrentVersion, ArticleInput Current, ArticleInput Mine, IReadOnlyList<FieldDiff> Diff, string CurrentAuthor, DateTimeOffset CurrentAt);

/// <summary>The story editor: one page for a new story and an existing one, every action a post through <see cref="ArticleWriter"/>.</summary>
public sealed class EditorModel(WartaDb db, ArticleWriter writer, TimeProvider clock, CachedReads reads) : StaffPage
{
    [BindProperty] public EditorForm Form { get; set; } = new();

    public Guid Id { get; private set; }
    public StoryFacts? Story { get; private set; }
    public ArticleAutosave? Autosave { get; private set; }
    public bool RestoredAutosave { get; private set; }
    public long? FromRevision { get; private set; }
    public ConflictView? Conflict { get; private set; }
    public string? Saved { get; private set; }
    public string? NewPreviewUrl { get; private set; }
    public IReadOnlyList<PreviewLinkRow> PreviewLinks { get; private set; } = [];
    public IReadOnlyList<Channel> Channels { get; private set; } = [];
    public IReadOnlyList<string> TagSuggestions { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Title)> RelatedTitles { get; private set; } = [];
    public (Guid Id, int Width, int Height)? Photo { get; private set; }
    public IReadOnlyList<ArticleCorrection> Corrections { get; private set; } = [];

    public bool CanEdit => Story is null || Workflow.CanEdit(Actor, Story.OwnerId, Story.Status);

    public async Task<IActionResult> OnGetAsync(Guid? id, [FromQuery(Name = "pulihkan")] string? restore, [FromQuery(Name = "revisi")] long? revision,
        [FromQuery(Name = "disimpan")] string? saved)
    {
        if (id is null) return Redirect($"/redaksi/sunting/{Guid.CreateVersion7()}");
        if (!await LoadAsync(id.Value)) return NotFound();
        Form = Story is null ? new EditorForm() : EditorForm.From((await ArticleWriter.ReadAsync(db, Id))!);
        Saved = saved;
        if (revision is { } revisionId)
        {
            var kept = await db.ArticleRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == revisionId && r.ArticleId == Id);
            if (kept is null) return NotFound();
            // Continue from that text on top of the current version: saving it is a deliberate choice, not a stale overwrite.
            Form = EditorForm.From(kept.Input());
            Form.Version = Story?.Version;
            FromRevision = revisionId;
        }
        else if (restore is not null && Autosave is not null)
        {
            Form = EditorForm.From(JsonSerializer.Deserialize<ArticleInput>(Autosave.Snapshot, JsonInput.Options)!);
            Form.Version = Autosave.BaseVersion;
            RestoredAutosave = true;
        }
        await LoadListsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? action)
    {
        if (!await LoadAsync(id)) return NotFound();
        var input = await Form.ToInputAsync(db);
        input.Status = action switch
        {
            "kirim" => ArticleStatus.Submitted,
            "kembalikan" => ArticleStatus.Returned,
            "jadwalkan" => ArticleStatus.Scheduled,
            "terbitkan" => ArticleStatus.Published,
            "tarik" => ArticleStatus.Unpublished,
            // A plain save keeps the story where it is in the workflow; a writer's save of a returned story makes it a draft again.
            _ => Story is null ? ArticleStatus.Draft : !Actor.IsEditor && Story.Status == ArticleStatus.Returned ? ArticleStatus.Draft : Story.Status,
        };
        if (input.Status == ArticleStatus.Published)
            input.PublishedAt = Story?.Status is ArticleStatus.Published or ArticleStatus.Unpublished ? Story.PublishedAt : null;
        if (input.Status == ArticleStatus.Unpublished) input.PublishedAt = Story?.PublishedAt;
        if (input.Status != ArticleStatus.Returned && Story?.Status != ArticleStatus.Returned) input.Note = null;
        var errors = new Errors();
        if (action == "ralat")
        {
            // A correction keeps the story live, with whatever fixes the editor made to its text in the same save.
            input.Status = ArticleStatus.Published;
            input.Correction = Form.Correction;
            if (string.IsNullOrWhiteSpace(Form.Correction))
                errors.Add("correction", "A correction needs its text.", "Tulis ralat (paling banyak 2.000 karakter); ralat hanya untuk berita yang sedang terbit.");
        }
        if (input.Status == ArticleStatus.Unpublished)
        {
            input.Note = Form.Reason;
            if (string.IsNullOrWhiteSpace(Form.Reason)) errors.Add("reason", "Unpublishing needs a reason.", "Tulis alasan penarikan berita (paling banyak 2.000 karakter).");
        }
        // A writer's attempt is refused by the workflow (403) whatever it holds; only an editor is asked to complete the form.
        if (errors.Any && Actor.IsEditor) return await RefusedAsync(errors);

        var result = await writer.SaveAsync(id, input, Actor, createWithId: Story is null);
        switch (result.Refusal)
        {
            case SaveRefusal.None:
                return Redirect($"/redaksi/sunting/{id}?disimpan={Uri.EscapeDataString(result.Saved!.Status)}");
            case SaveRefusal.NotFound:
                return NotFound();
            case SaveRefusal.Forbidden:
                return StatusCode(403);
            case SaveRefusal.Conflict:
                Conflict = await ConflictAsync(result.RefusedRevisionId!.Value);
                await LoadListsAsync();
                Response.StatusCode = 409;
                return Page();
            default:
                return await RefusedAsync(result.Errors);
        }
    }

    /// <summary>The form again with the rules' messages, and only those: the binder's English ones (a mistyped hidden field) are not shown.</summary>
    async Task<IActionResult> RefusedAsync(Errors errors)
    {
        ModelState.Clear();
        errors.ShowOn(ModelState);
        await LoadListsAsync();
        return Page();
    }

    /// <summary>
    /// The script's autosave (every few seconds while typing, and when the tab is hidden or closed): one row per person
    /// and story, overwritten in place. Nothing is validated but size, since a draft in progress may be anything.
    /// </summary>
    public async Task<IActionResult> OnPostAutosaveAsync(Guid id, [FromServices] StaffHtml html, [FromServices] AutosaveLimiter limiter)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Story is not null && !Workflow.CanEdit(Actor, Story.OwnerId, Story.Status)) return StatusCode(403);
        if (StaffHtml.Refusal(Form.Body) is { } tooBig) return Refused(StatusCodes.Status413PayloadTooLarge, tooBig.Indonesian);
        if (!limiter.TryTake(Actor.UserId!))
        {
            Response.Headers.RetryAfter = "60";
            return Refused(StatusCodes.Status429TooManyRequests, "Terlalu sering disimpan otomatis; dicoba lagi sebentar lagi.");
        }
        var input = await Form.ToInputAsync(db);
        input.Body = html.Clean(input.Body);
        var title = (input.Title ?? "").Trim();
        var now = clock.GetUtcNow();
        var row = await db.ArticleAutosaves.SingleOrDefaultAsync(s => s.Key == id && s.UserId == Actor.UserId);
        if (row is null)
        {
            row = new ArticleAutosave { Key = id, UserId = Actor.UserId!, Title = "", Snapshot = "" };
            db.ArticleAutosaves.Add(row);
        }
        row.Title = title.Length > 300 ? title[..300] : title;
        row.Snapshot = ArticleRevision.Serialize(input);
        row.BaseVersion = Form.Version;
        row.SavedAt = now;
        await db.SaveChangesAsync();
        return new JsonResult(new { savedAt = now, label = "Tersimpan otomatis " + Indonesian.ToWib(now).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " WIB" });
    }

    static ObjectResult Refused(int status, string title) =>
        new(new ProblemDetails { Status = status, Title = title }) { StatusCode = status, ContentTypes = { "application/problem+json" } };

    public async Task<IActionResult> OnPostPreviewLinkAsync(Guid id, int hours)
    {
        if (!await LoadAsync(id) || Story is null) return NotFound();
        var token = PreviewLink.NewToken();
        var now = clock.GetUtcNow();
        db.PreviewLinks.Add(new PreviewLink
        {
            Id = Guid.CreateVersion7(), ArticleId = id, TokenHash = PreviewLink.Hash(token), CreatedById = Actor.UserId, CreatedByName = Actor.Name,
            CreatedAt = now, ExpiresAt = now.AddHours(Math.Clamp(hours, 1, PreviewLink.MaxHours)),
        });
        await db.SaveChangesAsync();
        NewPreviewUrl = PreviewLink.UrlOf(token);
        Form = EditorForm.From((await ArticleWriter.ReadAsync(db, id))!);
        await LoadListsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeLinkAsync(Guid id, Guid link)
    {
        if (!await LoadAsync(id) || Story is null) return NotFound();
        await db.PreviewLinks.Where(l => l.Id == link && l.ArticleId == id && l.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.RevokedAt, clock.GetUtcNow()));
        return Redirect($"/redaksi/sunting/{id}#pratinjau");
    }

    public async Task<IActionResult> OnPostDiscardAutosaveAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await db.ArticleAutosaves.Where(s => s.Key == id && s.UserId == Actor.UserId).ExecuteDeleteAsync();
        return Redirect($"/redaksi/sunting/{id}");
    }

    /// <summary>Loads what the page needs to know about the story; false when this person may not see it.</summary>
    async Task<bool> LoadAsync(Guid id)
    {
        Id = id;
        Story = await db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new StoryFacts(a.Id, a.Slug, a.OwnerId, a.Status, a.Version, a.ReturnNote, a.PublishedAt, a.ModifiedAt)).SingleOrDefaultAsync();
        if (Story is not null && !StoryAccess.CanRead(Actor, Story.OwnerId)) return false;
        Autosave = await db.ArticleAutosaves.AsNoTracking().SingleOrDefaultAsync(s => s.Key == id && s.UserId == Actor.UserId);
        return true;
    }

    async Task LoadListsAsync()
    {
        Channels = await db.Channels.AsNoTracking().OrderBy(c => c.Order).ToListAsync();
        // The most used tags, as suggestions while typing.
        TagSuggestions = await Newsroom.TagSuggestions.ReadAsync(reads);
        var related = (Form.Related ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => Guid.TryParse(l, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        if (related.Count > 0)
        {
            var titles = await StoryAccess.Readable(db, Actor, clock.GetUtcNow()).Where(a => related.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Title);
            RelatedTitles = related.Where(titles.ContainsKey).Select(g => (g, titles[g])).ToList();
        }
        if (Form.ImageId is { } imageId)
        {
            var photo = await db.Media.AsNoTracking().Where(m => m.Id == imageId).Select(m => new { m.Id, m.Width, m.Height }).FirstOrDefaultAsync();
            if (photo is not null) Photo = (photo.Id, photo.Width, photo.Height);
        }
        if (Story is not null)
        {
            Corrections = await db.ArticleCorrections.AsNoTracking().Where(c => c.ArticleId == Id).OrderBy(c => c.At).ToListAsync();
            var now = clock.GetUtcNow();
            PreviewLinks = await db.PreviewLinks.AsNoTracking().Where(l => l.ArticleId == Id && l.RevokedAt == null && l.ExpiresAt > now)
                .OrderBy(l => l.ExpiresAt).Select(l => new PreviewLinkRow(l.Id, l.CreatedByName, l.ExpiresAt)).ToListAsync();
        }
    }

    async Task<ConflictView> ConflictAsync(long refusedRevisionId)
    {
        var refused = await db.ArticleRevisions.AsNoTracking().SingleAsync(r => r.Id == refusedRevisionId);
        var current = (await ArticleWriter.ReadAsync(db, Id))!;
        var latest = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == Id && r.Kind != RevisionKind.Refused)
            .OrderByDescending(r => r.Id).Select(r => new { r.AuthorName, r.CreatedAt }).FirstAsync();
        var mine = refused.Input();
        // The form keeps the refused text, now based on the current version, so "save anyway" is one deliberate click.
        Form = EditorForm.From(mine);
        Form.Version = current.Version;
        // The fields show this form, not what was posted.
        ModelState.Clear();
        return new ConflictView(refusedRevisionId, current.Version!.Value, current, mine, RevisionDiff.Compare(current, mine), latest.AuthorName, latest.CreatedAt);
    }
}
