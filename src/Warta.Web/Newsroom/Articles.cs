using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts;
using Warta.Web.Content;

namespace Warta.Web.Newsroom;

public sealed class ColumnistInput
{
    public string? Name { get; set; }
    public string? Role { get; set; }
}

public sealed class ImageInput
{
    public Guid? MediaId { get; set; }
    public string? Caption { get; set; }
    public string? Credit { get; set; }
    public string? Alt { get; set; }
}

/// <summary>The whole article as the newsroom API takes it (POST and PUT) and gives it back (GET).</summary>
public sealed class ArticleInput
{
    public string? Title { get; set; }
    public string? Channel { get; set; }
    public ArticleKind? Kind { get; set; }
    public List<string>? Tags { get; set; }
    public string? Source { get; set; }
    public List<string>? Reporters { get; set; }
    public string? Editor { get; set; }
    public ColumnistInput? Columnist { get; set; }
    public string? Dateline { get; set; }
    public ImageInput? Image { get; set; }
    public string? Body { get; set; }
    public string? Summary { get; set; }
    public List<Guid>? Related { get; set; }
    public bool? Premium { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public ArticleStatus? Status { get; set; }
    public string? SeoTitle { get; set; }
    public string? SeoDescription { get; set; }
    /// <summary>The editor's note to the writer, required when the status is <c>returned</c>; the reason when a story is unpublished.</summary>
    public string? Note { get; set; }
    /// <summary>A correction note ("Ralat") to add to a published story with this save; readers see it, dated, under the story.</summary>
    public string? Correction { get; set; }
    /// <summary>The version the saver loaded (GET gives it); when sent and no longer current, the save is refused (409) and kept as a refused revision.</summary>
    public int? Version { get; set; }
}

public sealed record ArticleSaved(Guid Id, string Slug, string Url, string Status, int Version);

public enum SaveRefusal { None, NotFound, Forbidden, Invalid, Conflict }

/// <summary>What a save did. Deconstructs to <c>(saved, errors)</c>; a refusal says why nothing was saved.</summary>
public sealed class SaveResult
{
    public ArticleSaved? Saved { get; init; }
    public Errors Errors { get; init; } = new();
    public SaveRefusal Refusal { get; init; }
    /// <summary>For a conflict: the revision that keeps the refused text.</summary>
    public long? RefusedRevisionId { get; init; }
    /// <summary>For a conflict: the story's current version.</summary>
    public int? CurrentVersion { get; init; }

    public void Deconstruct(out ArticleSaved? saved, out Errors errors)
    {
        saved = Saved;
        errors = Errors;
    }
}

/// <summary>
/// Validates and saves articles for every write path (the editor's pages, the API, wire ingest, demo seeding), one
/// transaction per save, with the workflow's rules and a revision for every save.
/// </summary>
public sealed class ArticleWriter(WartaDb db, StaffHtml html, TimeProvider clock, PageCache pages, IHttpContextAccessor requests)
{

    public static string StatusName(ArticleStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>
    /// Creates (<paramref name="id"/> null) or replaces a story. <paramref name="actor"/> defaults to the system (editor rights,
    /// owns nothing). <paramref name="createWithId"/> lets the editor create a story under the key its autosaves already use.
    /// </summary>
    public async Task<SaveResult> SaveAsync(Guid? id, ArticleInput input, Actor? actor = null, bool createWithId = false,
        RevisionKind kind = RevisionKind.Save, string? revisionNote = null)
    {
        actor ??= Actor.System;
        var errors = new Errors();
        // Before anything parses the body: its cleaning costs more than linearly, so an oversized body is refused unread.
        if (StaffHtml.Refusal(input.Body) is { } tooBig)
        {
            errors.Add("body", tooBig.English, tooBig.Indonesian);
            return new SaveResult { Errors = errors, Refusal = SaveRefusal.Invalid };
        }
        var now = clock.GetUtcNow();
        Article? article = null;
        if (id is { } existingId)
        {
            // Three collections in one join would return tags × reporters × picks rows; one query each returns their sum.
            article = await db.Articles.Include(a => a.Tags).Include(a => a.Reporters).Include(a => a.Related).AsSplitQuery()
                .SingleOrDefaultAsync(a => a.Id == existingId);
            if (article is null && !createWithId) return new SaveResult { Refusal = SaveRefusal.NotFound };
        }

        var status = input.Status ?? ArticleStatus.Draft;
        if (article is not null)
        {
            if (!StoryAccess.CanRead(actor, article.OwnerId)) return new SaveResult { Refusal = SaveRefusal.NotFound };
            if (!Workflow.CanEdit(actor, article.OwnerId, article.Status)) return new SaveResult { Refusal = SaveRefusal.Forbidden };
            if (input.Version is { } loaded && loaded != article.Version)
                return await RefuseStaleAsync(article.Id, input, actor, loaded, article.Version);
        }
        if (Workflow.RefuseTransition(actor, article?.Status, status) is { } refusal)
        {
            errors.Add("status", refusal);
            return new SaveResult { Errors = errors, Refusal = actor.IsEditor ? SaveRefusal.Invalid : SaveRefusal.Forbidden };
        }

        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title)) errors.Add("title", "Title is required.", "Judul wajib diisi, paling banyak 300 karakter.");
        else if (title.Length > 300) errors.Add("title", "Title is at most 300 characters.", "Judul wajib diisi, paling banyak 300 karakter.");

        Channel? channel = null;
        if (string.IsNullOrWhiteSpace(input.Channel)) errors.Add("channel", "Channel is required (a channel slug).", "Pilih kanal berita.");
        else if ((channel = await db.Channels.SingleOrDefaultAsync(c => c.Slug == input.Channel)) is null)
            errors.Add("channel", $"No channel '{input.Channel}'.", "Pilih kanal berita.");

        var articleKind = input.Kind ?? ArticleKind.News;

        var body = html.Clean(input.Body);
        if ((status is ArticleStatus.Submitted or ArticleStatus.Scheduled or ArticleStatus.Published) && ArticleBodyText(body).Length == 0)
            errors.Add("body", "A story sent for review, scheduled or published needs a body.",
                "Isi berita wajib ada sebelum dikirim, dijadwalkan atau diterbitkan (paling besar 1 MB).");

        var note = Blank(input.Note);
        if (status == ArticleStatus.Returned && note is null) errors.Add("note", "A returned story needs a note for its writer.",
            "Tulis catatan untuk penulis (paling banyak 2.000 karakter) saat mengembalikan berita.");
        if (note is { Length: > 2000 }) errors.Add("note", "The note is at most 2000 characters.", "Catatan paling banyak 2.000 karakter.");
        var correction = Blank(input.Correction);
        if (correction is not null && (article?.Status != ArticleStatus.Published || status != ArticleStatus.Published))
            errors.Add("correction", "A correction is added to a published story that stays published.", "Ralat hanya untuk berita yang sedang terbit dan tetap terbit.");
        if (correction is { Length: > ArticleCorrection.TextMax }) errors.Add("correction", "A correction is at most 2000 characters.", "Ralat paling banyak 2.000 karakter.");
        // Why a story was taken down goes with the revision and the audit log.
        var unpublishReason = status == ArticleStatus.Unpublished && article?.Status != ArticleStatus.Unpublished ? note : null;

        DateTimeOffset? publishedAt = input.PublishedAt?.ToUniversalTime();
        if (status == ArticleStatus.Scheduled)
        {
            if (publishedAt is null) errors.Add("publishedAt", "A scheduled story needs publishedAt.", "Isi waktu terbit (WIB) untuk menjadwalkan.");
            else if (publishedAt <= now) errors.Add("publishedAt", "A scheduled story's publishedAt must be in the future; use status 'published' for now.",
                "Isi waktu terbit (WIB) di masa depan untuk menjadwalkan; untuk terbit sekarang pilih Terbitkan.");
        }
        if (status == ArticleStatus.Published)
        {
            if (publishedAt > now.AddMinutes(1)) errors.Add("publishedAt", "publishedAt is in the future; use status 'scheduled'.", "Waktu terbit ada di masa depan; pilih Jadwalkan.");
            // Going live now, unless the story was live before (a correction or a republication keeps its time).
            publishedAt ??= article is { Status: ArticleStatus.Published or ArticleStatus.Unpublished, PublishedAt: { } before } ? before : now;
        }

        if (input.Source is { Length: > 80 }) errors.Add("source", "Source is at most 80 characters.", "Sumber paling banyak 80 karakter.");
        if (input.Dateline is { Length: > 80 }) errors.Add("dateline", "Dateline is at most 80 characters.", "Dateline paling banyak 80 karakter.");
        if (input.Summary is { Length: > 1000 }) errors.Add("summary", "Summary is at most 1000 characters.", "Ringkasan paling banyak 1.000 karakter.");
        if (input.SeoTitle is { Length: > 300 }) errors.Add("seoTitle", "SEO title is at most 300 characters.", "Judul SEO paling banyak 300 karakter.");
        if (input.SeoDescription is { Length: > 500 }) errors.Add("seoDescription", "SEO description is at most 500 characters.", "Deskripsi SEO paling banyak 500 karakter.");
        var tagNames = TagNames(input);
        if (tagNames.Count > 20) errors.Add("tags", "At most 20 tags.", "Paling banyak 20 tag.");
        if (tagNames.Any(t => t.Length > 120 || Slug.From(t).Length == 0)) errors.Add("tags", "Each tag is 1–120 characters with at least one letter or digit.",
            "Setiap tag 1–120 karakter dengan sedikitnya satu huruf atau angka.");
        var reporterNames = ReporterNames(input);
        if (reporterNames.Count > 10) errors.Add("reporters", "At most 10 reporters.", "Paling banyak 10 reporter.");
        if (reporterNames.Concat([input.Editor ?? "x", input.Columnist?.Name ?? "x"]).Any(n => n.Length > 120 || Slug.From(n).Length == 0))
            errors.Add("reporters", "Each name is 1–120 characters.", "Nama reporter, editor dan kolumnis masing-masing 1–120 karakter.");
        if (articleKind == ArticleKind.Opinion && string.IsNullOrWhiteSpace(input.Columnist?.Name))
            errors.Add("columnist", "An opinion piece needs a columnist name.", "Opini memerlukan nama kolumnis.");
        if (input.Columnist?.Role is { Length: > 120 }) errors.Add("columnist.role", "Role is at most 120 characters.", "Jabatan kolumnis paling banyak 120 karakter.");

        if (input.Image?.MediaId is { } mediaId && !await db.Media.AnyAsync(m => m.Id == mediaId))
            errors.Add("image.mediaId", $"No media '{mediaId}'.", "Foto tidak ditemukan di perpustakaan media.");
        if (input.Image?.Caption is { Length: > 500 }) errors.Add("image.caption", "Caption is at most 500 characters.", "Keterangan foto paling banyak 500 karakter.");
        if (input.Image?.Credit is { Length: > 200 }) errors.Add("image.credit", "Credit is at most 200 characters.", "Kredit foto paling banyak 200 karakter.");
        if (input.Image?.Alt is { Length: > 500 }) errors.Add("image.alt", "Alt text is at most 500 characters.", "Teks alternatif foto paling banyak 500 karakter.");

        var related = (input.Related ?? []).Distinct().ToList();
        if (related.Count > 5) errors.Add("related", "At most 5 related stories.", "Baca Juga paling banyak 5 berita.");
        if (id is { } self && related.Contains(self)) errors.Add("related", "A story cannot be related to itself.", "Baca Juga tidak boleh berita ini sendiri.");
        if (related.Count > 0)
        {
            var found = await StoryAccess.Readable(db, actor, now).Where(a => related.Contains(a.Id)).Select(a => a.Id).ToListAsync();
            foreach (var missing in related.Except(found)) errors.Add("related", $"No article '{missing}'.", "Baca Juga hanya untuk berita yang ada.");
        }
        if (errors.Any) return new SaveResult { Errors = errors, Refusal = SaveRefusal.Invalid };

        // One transaction per save; a caller that already holds one (demo seeding in batches) makes the save part of it.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        try
        {
            var wasPublished = article?.Status == ArticleStatus.Published;
            var wasStatus = article?.Status;
            var oldListFacts = article is null ? null : ListFacts(article);
            if (article is null)
            {
                article = new Article
                {
                    Id = id ?? Guid.CreateVersion7(), Title = title!, OwnerId = actor.UserId, CreatedAt = now, Version = 0,
                    Slug = await Slug.UniqueAsync(title!, "berita", async slug => db.Articles.Local.Any(a => a.Slug == slug) || await db.Articles.AnyAsync(a => a.Slug == slug)),
                };
                db.Articles.Add(article);
            }
            article.Title = title!;
            article.Kind = articleKind;
            article.ChannelId = channel!.Id;
            article.Source = Blank(input.Source);
            article.Dateline = Blank(input.Dateline)?.ToUpperInvariant();
            article.Summary = Blank(input.Summary);
            article.SeoTitle = Blank(input.SeoTitle);
            article.SeoDescription = Blank(input.SeoDescription);
            article.Body = body;
            article.Premium = input.Premium ?? false;
            article.ImageId = input.Image?.MediaId;
            article.ImageCaption = Blank(input.Image?.Caption);
            article.ImageCredit = Blank(input.Image?.Credit);
            article.ImageAlt = Blank(input.Image?.Alt);
            article.EditorId = input.Editor is { } editor && Blank(editor) is not null ? (await PersonAsync(editor, null)).Id : null;
            article.ColumnistId = Blank(input.Columnist?.Name) is { } columnist ? (await PersonAsync(columnist, Blank(input.Columnist!.Role))).Id : null;
            // The note stays with the story while it is back with its writer; sending it again clears it.
            if (status == ArticleStatus.Returned) article.ReturnNote = note;
            else if (status != ArticleStatus.Draft) article.ReturnNote = null;
            article.Status = status;
            if (wasPublished && status == ArticleStatus.Published && article.PublishedAt is { } firstPublished)
            {
                // A correction keeps the original publication time and shows when it was updated.
                article.UpdatedAt = now;
                publishedAt = input.PublishedAt is null ? firstPublished : publishedAt;
            }
            article.PublishedAt = publishedAt;
            article.ListedAt = publishedAt ?? article.CreatedAt;
            article.ModifiedAt = now;
            article.Version++;

            var tagIds = await TagIdsAsync(tagNames);
            var tagsChanged = !article.Tags.Select(t => t.TagId).ToHashSet().SetEquals(tagIds);
            Sync(article.Tags, tagIds, t => t.TagId, (tagId, i) => new ArticleTag { TagId = tagId, Order = i }, (t, i) => t.Order = i);
            var reporterIds = await PersonIdsAsync(reporterNames);
            Sync(article.Reporters, reporterIds, r => r.PersonId, (personId, i) => new ArticleReporter { PersonId = personId, Order = i }, (r, i) => r.Order = i);
            Sync(article.Related, related, r => r.RelatedId, (relatedId, i) => new ArticleRelated { RelatedId = relatedId, Order = i }, (r, i) => r.Order = i);

            var snapshot = Snapshot(article, channel.Slug, input, tagNames, reporterNames, related,
                status == ArticleStatus.Returned ? note : unpublishReason, correction);
            if (correction is not null)
                db.ArticleCorrections.Add(new ArticleCorrection { ArticleId = article.Id, At = now, Text = correction, AuthorName = actor.Name });
            revisionNote ??= status == ArticleStatus.Returned ? note
                : unpublishReason is not null ? "Ditarik: " + unpublishReason
                : correction is not null ? "Ralat: " + correction
                : null;
            db.Add(NewRevision(article.Id, article.Version, kind, status, actor, now, snapshot, revisionNote));
            Audit(kind == RevisionKind.Restore ? "article.restore" : correction is not null ? "article.correct" : wasStatus == status ? null : status switch
            {
                ArticleStatus.Published => "article.publish",
                ArticleStatus.Unpublished => "article.unpublish",
                ArticleStatus.Scheduled => "article.schedule",
                ArticleStatus.Returned => "article.return",
                _ => null,
            }, actor, article, status switch
            {
                ArticleStatus.Scheduled => "Terbit " + Indonesian.DateTime(article.PublishedAt!.Value),
                ArticleStatus.Returned => note,
                ArticleStatus.Unpublished => unpublishReason,
                _ => correction ?? revisionNote,
            });
            if (actor.UserId is { } userId)
            {
                // A save supersedes this person's autosave of the story.
                var autosave = await db.ArticleAutosaves.SingleOrDefaultAsync(s => s.Key == article.Id && s.UserId == userId);
                if (autosave is not null) db.ArticleAutosaves.Remove(autosave);
            }

            await db.SaveChangesAsync();
            if (transaction is not null) await transaction.CommitAsync();
            var isPublished = status == ArticleStatus.Published;
            // A story readers have never seen and still cannot see (a draft, a wire import, a story in review) changes
            // no reader page, so it must not empty the page cache for every reader.
            var evict = new List<string>();
            if (wasPublished || isPublished)
            {
                if (oldListFacts != ListFacts(article) || wasPublished != isPublished) evict.Add(CacheTags.Lists);
                evict.Add(CacheTags.Article(article.Id));
            }
            // The editor's suggestions rank tags by how many stories carry them.
            if (tagsChanged) evict.Add(TagSuggestions.CacheTag);
            if (evict.Count > 0) await pages.EvictAsync([.. evict]);
            return new SaveResult { Saved = new ArticleSaved(article.Id, article.Slug, StoryLinks.UrlOf(article.Slug), StatusName(article.Status), article.Version), Errors = errors };
        }
        catch (DbUpdateConcurrencyException) when (transaction is not null && id is { } raced)
        {
            // Another save of the same version committed between our read and our write: this one is the later save.
            await transaction.RollbackAsync();
            db.ChangeTracker.Clear();
            var current = await db.Articles.Where(a => a.Id == raced).Select(a => a.Version).SingleAsync();
            return await RefuseStaleAsync(raced, input, actor, input.Version ?? current - 1, current);
        }
    }

    /// <summary>Records a workflow step in the audit log, in the save's transaction.</summary>
    void Audit(string? action, Actor actor, Article article, string? detail)
    {
        if (action is null) return;
        var subject = AuditSubject(article);
        if (requests.HttpContext is { } http && http.User.Identity?.IsAuthenticated == true) AuditLog.Add(db, clock, http, action, subject, detail);
        else AuditLog.Add(db, clock, actor.Name, action, subject, detail);
    }

    /// <summary>Keeps the refused text as a revision (cleaned, but otherwise as sent) and reports the conflict.</summary>
    async Task<SaveResult> RefuseStaleAsync(Guid articleId, ArticleInput input, Actor actor, int loaded, int current)
    {
        var kept = CopyOf(input);
        kept.Body = html.Clean(input.Body);
        kept.Version = null;
        var title = string.IsNullOrWhiteSpace(kept.Title) ? "(tanpa judul)" : kept.Title.Trim();
        kept.Title = title.Length > 300 ? title[..300] : title;
        var revision = NewRevision(articleId, loaded, RevisionKind.Refused, input.Status ?? ArticleStatus.Draft, actor, clock.GetUtcNow(), kept,
            $"Ditolak: berita sudah diubah (versi {current}) sejak dibuka (versi {loaded}).");
        db.ChangeTracker.Clear();
        db.Add(revision);
        await db.SaveChangesAsync();
        return new SaveResult { Refusal = SaveRefusal.Conflict, RefusedRevisionId = revision.Id, CurrentVersion = current };
    }

    static ArticleInput CopyOf(ArticleInput input) => ArticleRevision.Serialize(input) is var json
        ? System.Text.Json.JsonSerializer.Deserialize<ArticleInput>(json, JsonInput.Options)!
        : input;

    /// <summary>How the audit log names a story.</summary>
    internal static string AuditSubject(Article article) => $"{article.Title} ({article.Id})";

    /// <summary>The tags as a save keeps them: trimmed, without blanks or repeats (in any case).</summary>
    internal static List<string> TagNames(ArticleInput input) =>
        (input.Tags ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    internal static List<string> ReporterNames(ArticleInput input) =>
        (input.Reporters ?? []).Select(r => r.Trim()).Where(r => r.Length > 0).Distinct().ToList();

    /// <summary>What a revision keeps of a saved story: its fields as stored, in the API's shape.</summary>
    internal static ArticleInput Snapshot(Article article, string channel, ArticleInput input, List<string> tagNames, List<string> reporterNames,
        List<Guid> related, string? note, string? correction) => new()
    {
        Title = article.Title, Channel = channel, Kind = article.Kind, Tags = tagNames, Source = article.Source,
        Reporters = reporterNames, Editor = Blank(input.Editor),
        Columnist = Blank(input.Columnist?.Name) is { } c ? new ColumnistInput { Name = c, Role = Blank(input.Columnist!.Role) } : null,
        Dateline = article.Dateline, Body = article.Body, Summary = article.Summary, Related = related, Premium = article.Premium,
        Image = article.ImageId is null && article.ImageCaption is null && article.ImageCredit is null ? null
            : new ImageInput { MediaId = article.ImageId, Caption = article.ImageCaption, Credit = article.ImageCredit, Alt = article.ImageAlt },
        PublishedAt = article.PublishedAt, Status = article.Status, SeoTitle = article.SeoTitle, SeoDescription = article.SeoDescription,
        Note = note, Correction = correction,
    };

    internal static ArticleRevision NewRevision(Guid articleId, int version, RevisionKind kind, ArticleStatus status, Actor actor, DateTimeOffset now,
        ArticleInput snapshot, string? note) => new()
    {
        ArticleId = articleId, Version = version, Kind = kind, Status = status, AuthorId = actor.UserId,
        AuthorName = actor.Name.Length > 300 ? actor.Name[..300] : actor.Name, CreatedAt = now, Title = snapshot.Title ?? "",
        Snapshot = ArticleRevision.Serialize(snapshot), Note = note is { Length: > 2000 } ? note[..2000] : note,
    };

    /// <summary>Moves a story in the workflow (submit, return, schedule, publish, unpublish) without changing its text.</summary>
    public async Task<SaveResult> MoveAsync(Guid id, ArticleStatus to, Actor? actor = null, int? version = null, string? note = null, DateTimeOffset? at = null)
    {
        actor ??= Actor.System;
        var current = await ReadAsync(db, id);
        if (current is null) return new SaveResult { Refusal = SaveRefusal.NotFound };
        current.Status = to;
        current.Version = version;
        current.Note = note;
        if (to == ArticleStatus.Scheduled || (to == ArticleStatus.Published && at is not null)) current.PublishedAt = at;
        // Publishing a story ahead of its planned time publishes it now.
        else if (to == ArticleStatus.Published && current.Status != ArticleStatus.Published && current.PublishedAt > clock.GetUtcNow()) current.PublishedAt = null;
        return await SaveAsync(id, current, actor);
    }

    /// <summary>Takes a story off the site, with the reason (kept in its revision and the audit log); nothing is deleted.</summary>
    public Task<SaveResult> UnpublishAsync(Guid id, Actor? actor = null, int? version = null, string? reason = null) =>
        MoveAsync(id, ArticleStatus.Unpublished, actor, version, reason);

    /// <summary>Saves an earlier revision's text again as the newest revision; the story keeps its place in the workflow.</summary>
    public async Task<SaveResult> RestoreAsync(Guid id, long revisionId, Actor actor, int? version)
    {
        var revision = await db.ArticleRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == revisionId && r.ArticleId == id);
        var current = await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Status, a.PublishedAt }).SingleOrDefaultAsync();
        if (revision is null || current is null) return new SaveResult { Refusal = SaveRefusal.NotFound };
        var input = revision.Input();
        input.Status = current.Status;
        input.PublishedAt = current.PublishedAt;
        input.Note = null;
        input.Correction = null;
        input.Version = version;
        return await SaveAsync(id, input, actor, kind: RevisionKind.Restore, revisionNote: $"Dipulihkan dari revisi #{revisionId}");
    }

    /// <summary>Publishes the scheduled stories whose time has come (the <see cref="ScheduledPublisher"/>'s round); returns how many.</summary>
    public async Task<int> PublishDueAsync(DateTimeOffset now)
    {
        var ids = await db.Articles.Where(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now).Select(a => a.Id).ToListAsync();
        var published = new List<Guid>();
        foreach (var id in ids)
        {
            // A conditional update on the status: on several nodes (or after a restart mid-round) only one flips each story,
            // and its revision is written in the same transaction, so the story goes out exactly once. The version rises, so
            // an editor still holding the scheduled version gets a conflict instead of overwriting the live story.
            await using var transaction = await db.Database.BeginTransactionAsync();
            var flipped = await db.Articles.Where(a => a.Id == id && a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, ArticleStatus.Published).SetProperty(a => a.ModifiedAt, now)
                    .SetProperty(a => a.Version, a => a.Version + 1));
            if (flipped == 0) continue;
            await AddScheduledRevisionAsync(id, now);
            await transaction.CommitAsync();
            published.Add(id);
        }
        if (published.Count > 0) await pages.EvictAsync([CacheTags.Lists, .. published.Select(CacheTags.Article)]);
        return published.Count;
    }

    /// <summary>Records the scheduler's publication of a story as a revision; called in the publishing transaction.</summary>
    async Task AddScheduledRevisionAsync(Guid id, DateTimeOffset now)
    {
        var snapshot = await ReadAsync(db, id);
        var version = await db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync();
        db.ArticleRevisions.Add(NewRevision(id, version, RevisionKind.Scheduled, ArticleStatus.Published, Actor.Scheduler, now, snapshot!, "Terbit sesuai jadwal"));
        AuditLog.Add(db, new FixedClock(now), "scheduler", "article.publish", $"{snapshot!.Title} ({id})", "Terbit sesuai jadwal");
        await db.SaveChangesAsync();
    }

    sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>What list pages show of a story; when none of it changes, only the story's own page is evicted.</summary>
    static string ListFacts(Article a) =>
        string.Join('\u001f', a.Title, a.Summary, a.ImageId, a.ChannelId, a.Status, a.PublishedAt?.UtcTicks, a.Premium, a.Kind,
            string.Join(',', a.Tags.Select(t => t.TagId)), string.Join(',', a.Reporters.Select(r => r.PersonId)), a.ColumnistId);

    static string ArticleBodyText(string body) => Warta.Web.Content.ArticleBody.Text(body).Trim();

    /// <summary>Makes an ordered link collection hold exactly <paramref name="keys"/>, keeping rows that stay.</summary>
    static void Sync<TRow, TKey>(List<TRow> rows, List<TKey> keys, Func<TRow, TKey> keyOf, Func<TKey, int, TRow> create, Action<TRow, int> setOrder)
        where TKey : notnull
    {
        rows.RemoveAll(r => !keys.Contains(keyOf(r)));
        for (var i = 0; i < keys.Count; i++)
        {
            var row = rows.FirstOrDefault(r => EqualityComparer<TKey>.Default.Equals(keyOf(r), keys[i]));
            if (row is null) rows.Add(create(keys[i], i));
            else setOrder(row, i);
        }
    }

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The tags by these names (by slug), created when missing; one query for all of them.</summary>
    Task<List<int>> TagIdsAsync(List<string> names) =>
        LabelIdsAsync(db.Tags, names, t => t.Slug, t => t.Id, (slug, name) => new Tag { Slug = slug, Name = name });

    /// <summary>The people by these names (by slug), created when missing; one query for all of them.</summary>
    Task<List<int>> PersonIdsAsync(List<string> names) =>
        LabelIdsAsync(db.People, names.Select(n => n.Trim()).ToList(), p => p.Slug, p => p.Id, (slug, name) => new Person { Slug = slug, Name = name });

    async Task<List<int>> LabelIdsAsync<T>(DbSet<T> set, List<string> names, Func<T, string> slugOf, Func<T, int> idOf, Func<string, string, T> create)
        where T : class
    {
        if (names.Count == 0) return [];
        var slugs = names.Select(n => Slug.From(n)).ToList();
        var known = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var label in set.Local) known.TryAdd(slugOf(label), label);
        var unknown = slugs.Where(s => !known.ContainsKey(s)).Distinct().ToList();
        if (unknown.Count > 0)
            foreach (var label in await set.Where(l => unknown.Contains(EF.Property<string>(l, "Slug"))).ToListAsync()) known.TryAdd(slugOf(label), label);
        var created = false;
        for (var i = 0; i < slugs.Count; i++)
        {
            if (known.ContainsKey(slugs[i])) continue;
            known[slugs[i]] = set.Add(create(slugs[i], names[i])).Entity;
            created = true;
        }
        // New labels get their ids now, as the stories' links need them.
        if (created) await db.SaveChangesAsync();
        return slugs.Select(s => idOf(known[s])).ToList();
    }

    async Task<Person> PersonAsync(string name, string? role)
    {
        name = name.Trim();
        var slug = Slug.From(name);
        var person = db.People.Local.FirstOrDefault(p => p.Slug == slug) ?? await db.People.SingleOrDefaultAsync(p => p.Slug == slug);
        if (person is null)
        {
            person = db.People.Add(new Person { Slug = slug, Name = name, Role = role }).Entity;
            await db.SaveChangesAsync();
        }
        else if (role is not null && person.Role != role)
        {
            person.Role = role;
        }
        return person;
    }

    public static async Task<ArticleInput?> ReadAsync(WartaDb db, Guid id)
    {
        // One row for the story with its channel and people, then one query per list: no entity is built or tracked.
        var a = await db.Articles.AsNoTracking().AsSplitQuery().Where(x => x.Id == id).Select(x => new
        {
            x.Title, Channel = x.Channel.Slug, x.Kind, x.Source, Editor = x.Editor == null ? null : x.Editor.Name,
            ColumnistName = x.Columnist == null ? null : x.Columnist.Name, ColumnistRole = x.Columnist == null ? null : x.Columnist.Role,
            x.Dateline, x.ImageId, x.ImageCaption, x.ImageCredit, x.ImageAlt, x.Body, x.Summary, x.Premium, x.PublishedAt, x.Status,
            x.SeoTitle, x.SeoDescription, x.ReturnNote, x.Version,
            Tags = x.Tags.OrderBy(t => t.Order).Select(t => t.Tag.Name).ToList(),
            Reporters = x.Reporters.OrderBy(r => r.Order).Select(r => r.Person.Name).ToList(),
            Related = x.Related.OrderBy(r => r.Order).Select(r => r.RelatedId).ToList(),
        }).SingleOrDefaultAsync();
        if (a is null) return null;
        return new ArticleInput
        {
            Title = a.Title, Channel = a.Channel, Kind = a.Kind, Tags = a.Tags, Source = a.Source, Reporters = a.Reporters,
            Editor = a.Editor, Columnist = a.ColumnistName is null ? null : new ColumnistInput { Name = a.ColumnistName, Role = a.ColumnistRole },
            Dateline = a.Dateline,
            Image = a.ImageId is null && a.ImageCaption is null && a.ImageCredit is null ? null
                : new ImageInput { MediaId = a.ImageId, Caption = a.ImageCaption, Credit = a.ImageCredit, Alt = a.ImageAlt },
            Body = a.Body, Summary = a.Summary, Related = a.Related,
            Premium = a.Premium, PublishedAt = a.PublishedAt, Status = a.Status, SeoTitle = a.SeoTitle, SeoDescription = a.SeoDescription,
            Note = a.Status == ArticleStatus.Returned ? a.ReturnNote : null, Version = a.Version,
        };
    }
}
