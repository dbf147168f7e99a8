using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;

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
}

public sealed record ArticleSaved(Guid Id, string Slug, string Url, string Status);

/// <summary>Validates and saves articles for every write path (API, demo seeding, later the editor), one transaction per save.</summary>
public sealed class ArticleWriter(WartaDb db, StaffHtml html, TimeProvider clock, PageCache pages)
{
    public static string UrlOf(string slug) => "/berita/" + slug;

    public static string StatusName(ArticleStatus status) => status.ToString().ToLowerInvariant();

    public async Task<(ArticleSaved? Saved, Errors Errors)> SaveAsync(Guid? id, ArticleInput input)
    {
        var errors = new Errors();
        var now = clock.GetUtcNow();
        Article? article = null;
        if (id is { } existingId)
        {
            article = await db.Articles.Include(a => a.Tags).Include(a => a.Reporters).Include(a => a.Related)
                .SingleOrDefaultAsync(a => a.Id == existingId);
            if (article is null) return (null, errors);
        }

        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title)) errors.Add("title", "Title is required.");
        else if (title.Length > 300) errors.Add("title", "Title is at most 300 characters.");

        Channel? channel = null;
        if (string.IsNullOrWhiteSpace(input.Channel)) errors.Add("channel", "Channel is required (a channel slug).");
        else if ((channel = await db.Channels.SingleOrDefaultAsync(c => c.Slug == input.Channel)) is null)
            errors.Add("channel", $"No channel '{input.Channel}'.");

        var kind = input.Kind ?? ArticleKind.News;
        var status = input.Status ?? ArticleStatus.Draft;
        if (status == ArticleStatus.Unpublished) errors.Add("status", "Use DELETE to unpublish; status is draft, scheduled or published.");

        var body = html.Clean(input.Body);
        if (input.Body?.Length > 1_000_000) errors.Add("body", "The body is larger than 1 MB.");
        if (status != ArticleStatus.Draft && ArticleBodyText(body).Length == 0) errors.Add("body", "A scheduled or published story needs a body.");

        DateTimeOffset? publishedAt = input.PublishedAt?.ToUniversalTime();
        if (status == ArticleStatus.Scheduled)
        {
            if (publishedAt is null) errors.Add("publishedAt", "A scheduled story needs publishedAt.");
            else if (publishedAt <= now) errors.Add("publishedAt", "A scheduled story's publishedAt must be in the future; use status 'published' for now.");
        }
        if (status == ArticleStatus.Published)
        {
            if (publishedAt > now.AddMinutes(1)) errors.Add("publishedAt", "publishedAt is in the future; use status 'scheduled'.");
            publishedAt ??= article?.PublishedAt ?? now;
        }

        if (input.Source is { Length: > 80 }) errors.Add("source", "Source is at most 80 characters.");
        if (input.Dateline is { Length: > 80 }) errors.Add("dateline", "Dateline is at most 80 characters.");
        if (input.Summary is { Length: > 1000 }) errors.Add("summary", "Summary is at most 1000 characters.");
        var tagNames = (input.Tags ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (tagNames.Count > 20) errors.Add("tags", "At most 20 tags.");
        if (tagNames.Any(t => t.Length > 120 || Slug.From(t).Length == 0)) errors.Add("tags", "Each tag is 1–120 characters with at least one letter or digit.");
        var reporterNames = (input.Reporters ?? []).Select(r => r.Trim()).Where(r => r.Length > 0).Distinct().ToList();
        if (reporterNames.Count > 10) errors.Add("reporters", "At most 10 reporters.");
        if (reporterNames.Concat([input.Editor ?? "x", input.Columnist?.Name ?? "x"]).Any(n => n.Length > 120 || Slug.From(n).Length == 0))
            errors.Add("reporters", "Each name is 1–120 characters.");
        if (kind == ArticleKind.Opinion && string.IsNullOrWhiteSpace(input.Columnist?.Name))
            errors.Add("columnist", "An opinion piece needs a columnist name.");
        if (input.Columnist?.Role is { Length: > 120 }) errors.Add("columnist.role", "Role is at most 120 characters.");

        if (input.Image?.MediaId is { } mediaId && !await db.Media.AnyAsync(m => m.Id == mediaId))
            errors.Add("image.mediaId", $"No media '{mediaId}'.");
        if (input.Image?.Caption is { Length: > 500 }) errors.Add("image.caption", "Caption is at most 500 characters.");
        if (input.Image?.Credit is { Length: > 200 }) errors.Add("image.credit", "Credit is at most 200 characters.");

        var related = (input.Related ?? []).Distinct().ToList();
        if (related.Count > 5) errors.Add("related", "At most 5 related stories.");
        if (id is { } self && related.Contains(self)) errors.Add("related", "A story cannot be related to itself.");
        if (related.Count > 0)
        {
            var found = await db.Articles.Where(a => related.Contains(a.Id)).Select(a => a.Id).ToListAsync();
            foreach (var missing in related.Except(found)) errors.Add("related", $"No article '{missing}'.");
        }
        if (errors.Any) return (null, errors);

        // One transaction per save; a caller that already holds one (demo seeding in batches) makes the save part of it.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        var wasPublished = article?.Status == ArticleStatus.Published;
        var oldListFacts = article is null ? null : ListFacts(article);
        if (article is null)
        {
            article = new Article { Id = Guid.CreateVersion7(), Title = title!, Slug = await Slug.UniqueAsync(title!, "berita", async slug => db.Articles.Local.Any(a => a.Slug == slug) || await db.Articles.AnyAsync(a => a.Slug == slug)), CreatedAt = now };
            db.Articles.Add(article);
        }
        article.Title = title!;
        article.Kind = kind;
        article.ChannelId = channel!.Id;
        article.Source = Blank(input.Source);
        article.Dateline = Blank(input.Dateline)?.ToUpperInvariant();
        article.Summary = Blank(input.Summary);
        article.Body = body;
        article.Premium = input.Premium ?? false;
        article.ImageId = input.Image?.MediaId;
        article.ImageCaption = Blank(input.Image?.Caption);
        article.ImageCredit = Blank(input.Image?.Credit);
        article.EditorId = input.Editor is { } editor && Blank(editor) is not null ? (await PersonAsync(editor, null)).Id : null;
        article.ColumnistId = Blank(input.Columnist?.Name) is { } columnist ? (await PersonAsync(columnist, Blank(input.Columnist!.Role))).Id : null;
        article.Status = status;
        if (wasPublished && status == ArticleStatus.Published && article.PublishedAt is { } firstPublished)
        {
            // A correction keeps the original publication time and shows when it was updated.
            article.UpdatedAt = now;
            publishedAt = input.PublishedAt is null ? firstPublished : publishedAt;
        }
        article.PublishedAt = publishedAt;
        article.ModifiedAt = now;

        var tagIds = new List<int>();
        foreach (var name in tagNames) tagIds.Add((await TagAsync(name)).Id);
        Sync(article.Tags, tagIds, t => t.TagId, (tagId, i) => new ArticleTag { TagId = tagId, Order = i }, (t, i) => t.Order = i);
        var reporterIds = new List<int>();
        foreach (var name in reporterNames) reporterIds.Add((await PersonAsync(name, null)).Id);
        Sync(article.Reporters, reporterIds, r => r.PersonId, (personId, i) => new ArticleReporter { PersonId = personId, Order = i }, (r, i) => r.Order = i);
        Sync(article.Related, related, r => r.RelatedId, (relatedId, i) => new ArticleRelated { RelatedId = relatedId, Order = i }, (r, i) => r.Order = i);

        await db.SaveChangesAsync();
        if (transaction is not null) await transaction.CommitAsync();

        var listsChanged = oldListFacts != ListFacts(article) || wasPublished != (status == ArticleStatus.Published);
        await pages.EvictAsync(listsChanged ? [CacheTags.Lists, CacheTags.Article(article.Id)] : [CacheTags.Article(article.Id)]);
        return (new ArticleSaved(article.Id, article.Slug, UrlOf(article.Slug), StatusName(article.Status)), errors);
    }

    /// <summary>Takes a story off the site; nothing is deleted.</summary>
    public async Task<ArticleSaved?> UnpublishAsync(Guid id)
    {
        var article = await db.Articles.SingleOrDefaultAsync(a => a.Id == id);
        if (article is null) return null;
        article.Status = ArticleStatus.Unpublished;
        article.ModifiedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        await pages.EvictAsync(CacheTags.Lists, CacheTags.Article(id));
        return new ArticleSaved(article.Id, article.Slug, UrlOf(article.Slug), StatusName(article.Status));
    }

    /// <summary>What list pages show of a story; when none of it changes, only the story's own page is evicted.</summary>
    static string ListFacts(Article a) =>
        string.Join('\u001f', a.Title, a.Summary, a.ImageId, a.ChannelId, a.Status, a.PublishedAt?.UtcTicks, a.Premium, a.Kind,
            string.Join(',', a.Tags.Select(t => t.TagId)), string.Join(',', a.Reporters.Select(r => r.PersonId)), a.ColumnistId);

    static string ArticleBodyText(string body) => Reader.ArticleBody.Text(body).Trim();

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

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    async Task<Tag> TagAsync(string name)
    {
        var slug = Slug.From(name);
        var tag = db.Tags.Local.FirstOrDefault(t => t.Slug == slug) ?? await db.Tags.SingleOrDefaultAsync(t => t.Slug == slug);
        if (tag is not null) return tag;
        tag = db.Tags.Add(new Tag { Slug = slug, Name = name }).Entity;
        await db.SaveChangesAsync();
        return tag;
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
        var a = await db.Articles.AsNoTracking().AsSplitQuery()
            .Include(x => x.Channel).Include(x => x.Editor).Include(x => x.Columnist)
            .Include(x => x.Tags).ThenInclude(t => t.Tag).Include(x => x.Reporters).ThenInclude(r => r.Person).Include(x => x.Related)
            .SingleOrDefaultAsync(x => x.Id == id);
        if (a is null) return null;
        return new ArticleInput
        {
            Title = a.Title, Channel = a.Channel.Slug, Kind = a.Kind,
            Tags = a.Tags.OrderBy(t => t.Order).Select(t => t.Tag.Name).ToList(),
            Source = a.Source, Reporters = a.Reporters.OrderBy(r => r.Order).Select(r => r.Person.Name).ToList(),
            Editor = a.Editor?.Name, Columnist = a.Columnist is null ? null : new ColumnistInput { Name = a.Columnist.Name, Role = a.Columnist.Role },
            Dateline = a.Dateline,
            Image = a.ImageId is null ? null : new ImageInput { MediaId = a.ImageId, Caption = a.ImageCaption, Credit = a.ImageCredit },
            Body = a.Body, Summary = a.Summary, Related = a.Related.OrderBy(r => r.Order).Select(r => r.RelatedId).ToList(),
            Premium = a.Premium, PublishedAt = a.PublishedAt, Status = a.Status,
        };
    }
}
