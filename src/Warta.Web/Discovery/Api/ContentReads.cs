using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Warta.Web.Content;
using Warta.Web.Content.Paywall;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Api;

/// <summary>What the content API reads: published stories only, with their public text; labels; instruments and their latest quotes.</summary>
public sealed class ContentReads(WartaDb db, TimeProvider clock, PublicText publicText, SiteOptions site)
{
    public async Task<(List<ArticleItem> Items, ArticleCursor? Next)> ArticlesAsync(ArticleFilter filter, CancellationToken ct)
    {
        var query = StoryQueries.Visible(db, clock.GetUtcNow());
        if (filter.Channel is { } channel) query = query.Where(a => a.Channel.Slug == channel);
        if (filter.Tag is { } tag) query = query.Where(a => a.Tags.Any(t => t.Tag.Slug == tag));
        if (filter.Author is { } author) query = query.Where(a => a.Reporters.Any(r => r.Person.Slug == author) || (a.Columnist != null && a.Columnist.Slug == author));
        if (filter.Kind is { } kind) query = query.Where(a => a.Kind == kind);
        if (filter.From is { } from) query = query.Where(a => a.PublishedAt >= from);
        if (filter.To is { } to) query = query.Where(a => a.PublishedAt <= to);
        if (filter.Cursor is { } after)
            query = query.Where(a => a.PublishedAt < after.PublishedAt || (a.PublishedAt == after.PublishedAt && a.Id.CompareTo(after.Id) < 0));
        var page = await Whole(query.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(filter.Limit + 1)).ToListAsync(ct);
        var items = page.Take(filter.Limit).Select(Item).ToList();
        var next = page.Count > filter.Limit ? new ArticleCursor(page[filter.Limit - 1].PublishedAt!.Value, page[filter.Limit - 1].Id) : null;
        return (items, next);
    }

    public async Task<ArticleItem?> ArticleAsync(string slug, CancellationToken ct) =>
        await Whole(StoryQueries.Visible(db, clock.GetUtcNow()).Where(a => a.Slug == slug)).FirstOrDefaultAsync(ct) is { } article ? Item(article) : null;

    static IQueryable<Article> Whole(IQueryable<Article> query) =>
        query.Include(a => a.Channel).Include(a => a.Columnist).Include(a => a.Image)
            .Include(a => a.Tags).ThenInclude(t => t.Tag).Include(a => a.Reporters).ThenInclude(r => r.Person)
            .AsSplitQuery();

    ArticleItem Item(Article a)
    {
        // Never Article.Body: the API has no reader behind it, so a premium story gives only its free part.
        var text = publicText.Of(a);
        var authors = a.Reporters.OrderBy(r => r.Order).Select(r => r.Person).Append(a.Columnist).OfType<Person>().DistinctBy(p => p.Id).Select(Author).ToList();
        return new ArticleItem(a.Id, a.Slug, site.Absolute(StoryLinks.UrlOf(a.Slug)), a.Title, text.Summary, a.Kind == ArticleKind.Opinion ? "opinion" : "news",
            Channel(a.Channel), a.Tags.OrderBy(t => t.Order).Select(t => Tag(t.Tag)).ToList(), authors, a.Source,
            a.Image is { } image ? new ImageItem(site.Absolute(MediaUrls.FallbackUrl(image.Id, image.Width, 1024)), image.Width, image.Height,
                a.ImageCaption ?? image.Caption, a.ImageCredit ?? image.Credit, a.ImageAlt ?? image.Alt) : null,
            Indonesian.ToWib(a.PublishedAt!.Value), a.UpdatedAt is { } updated ? Indonesian.ToWib(updated) : null,
            !a.Premium, text.Complete, text.BodyHtml);
    }

    ChannelItem Channel(Channel c) => new(c.Slug, c.Name, site.Absolute(ChannelLinks.UrlOf(c.Slug)));
    TagItem Tag(Tag t) => new(t.Slug, t.Name, site.Absolute(TagLinks.UrlOf(t.Slug)));
    AuthorItem Author(Person p) => new(p.Slug, p.Name, p.Role, site.Absolute(AuthorLinks.UrlOf(p.Slug)));

    public async Task<List<ChannelItem>> ChannelsAsync(CancellationToken ct) =>
        (await db.Channels.AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Name).ToListAsync(ct)).Select(Channel).ToList();

    public Task<(List<TagItem> Items, SlugCursor? Next)> TagsAsync(LabelPage page, CancellationToken ct) =>
        BySlugAsync(db.Tags, page, t => t.Slug, Tag, ct);

    public Task<(List<AuthorItem> Items, SlugCursor? Next)> AuthorsAsync(LabelPage page, CancellationToken ct) =>
        BySlugAsync(db.People, page, p => p.Slug, Author, ct);

    /// <summary>One page of a label list in slug order, starting after the cursor's slug (slugs are unique).</summary>
    static async Task<(List<TItem> Items, SlugCursor? Next)> BySlugAsync<TLabel, TItem>(
        IQueryable<TLabel> labels, LabelPage page, Func<TLabel, string> slugOf, Func<TLabel, TItem> item, CancellationToken ct) where TLabel : class
    {
        var query = labels.AsNoTracking();
        if (page.After is { } after) query = query.Where(l => EF.Property<string>(l, "Slug").CompareTo(after.Slug) > 0);
        var rows = await query.OrderBy(l => EF.Property<string>(l, "Slug")).Take(page.Limit + 1).ToListAsync(ct);
        var next = rows.Count > page.Limit ? new SlugCursor(slugOf(rows[page.Limit - 1])) : null;
        return (rows.Take(page.Limit).Select(item).ToList(), next);
    }

    /// <summary>
    /// Instruments in the ticker's order with their latest quote. Markets owns these tables and a feature may not use its types,
    /// so they are read here by the names WartaDb's model gives them, and each value is converted the way that model stores it
    /// (on SQLite, instants are ticks).
    /// </summary>
    public async Task<List<InstrumentItem>> InstrumentsAsync(CancellationToken ct)
    {
        var instrument = Table("Warta.Web.Markets.Instrument");
        var quote = Table("Warta.Web.Markets.Quote");
        var bar = Table("Warta.Web.Markets.DailyBar");
        var sql = $"""
            SELECT i.{instrument.Column("Symbol")}, i.{instrument.Column("Label")}, i.{instrument.Column("Kind")}, i.{instrument.Column("Unit")}, i.{instrument.Column("Decimals")},
                   q.{quote.Column("Value")}, q.{quote.Column("At")}, q.{quote.Column("PreviousClose")}, i.{instrument.Column("Id")}
            FROM {instrument.Name} i
            LEFT JOIN {quote.Name} q ON q.{quote.Column("InstrumentId")} = i.{instrument.Column("Id")}
                AND q.{quote.Column("Minute")} = (SELECT MAX(m.{quote.Column("Minute")}) FROM {quote.Name} m WHERE m.{quote.Column("InstrumentId")} = i.{instrument.Column("Id")})
            ORDER BY i.{instrument.Column("Order")}, i.{instrument.Column("Symbol")}
            """;
        var rows = new List<(string Symbol, string Label, string Kind, string? Unit, int Decimals, decimal? Value, DateTimeOffset? At, decimal? PreviousClose, int Id)>();
        await ReadAsync(sql, reader =>
        {
            DateTimeOffset? at = reader.IsDBNull(6) ? null : quote.Instant("At", reader.GetValue(6));
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetDecimal(5), at, reader.IsDBNull(7) ? null : reader.GetDecimal(7), reader.GetInt32(8)));
        }, ct);
        var items = new List<InstrumentItem>(rows.Count);
        foreach (var row in rows)
        {
            QuoteItem? latest = null;
            if (row is { Value: { } value, At: { } at })
            {
                // The sender's previous close, else the close of the last trading day before the quote's own WIB day.
                var previous = row.PreviousClose ?? await PreviousCloseAsync(bar, row.Id, DateOnly.FromDateTime(Indonesian.ToWib(at).DateTime), ct);
                var change = previous is { } p ? value - p : (decimal?)null;
                var percent = previous is { } q && q != 0 ? Math.Round(change!.Value / q * 100, 2, MidpointRounding.AwayFromZero) : (decimal?)null;
                latest = new QuoteItem(value, Indonesian.ToWib(at), previous, change, percent);
            }
            items.Add(new InstrumentItem(row.Symbol, row.Label, KebabLower(row.Kind), row.Unit, row.Decimals, site.Absolute(InstrumentLinks.UrlOfSymbol(row.Symbol)), latest));
        }
        return items;
    }

    async Task<decimal?> PreviousCloseAsync(TableOf bar, int instrumentId, DateOnly before, CancellationToken ct)
    {
        // Few rows per instrument are recent; the day is compared here rather than in SQL, where each provider stores it its own way.
        var sql = $"SELECT b.{bar.Column("Day")}, b.{bar.Column("Close")} FROM {bar.Name} b WHERE b.{bar.Column("InstrumentId")} = {instrumentId} ORDER BY b.{bar.Column("Day")} DESC LIMIT 3";
        decimal? close = null;
        await ReadAsync(sql, reader =>
        {
            if (close is null && reader.GetFieldValue<DateOnly>(0) < before) close = reader.GetDecimal(1);
        }, ct);
        return close;
    }

    async Task ReadAsync(string sql, Action<DbDataReader> row, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) row(reader);
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    TableOf Table(string entityName) =>
        new(db.Model.FindEntityType(entityName) ?? throw new InvalidOperationException($"WartaDb has no entity {entityName}."));

    /// <summary>An entity's table and columns as the provider names them, quoted (both SQLite and PostgreSQL take double quotes).</summary>
    sealed class TableOf(IEntityType entity)
    {
        readonly StoreObjectIdentifier _table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());

        public string Name => Quote(entity.GetTableName()!);

        public string Column(string property) => Quote(Property(property).GetColumnName(_table)!);

        public DateTimeOffset Instant(string property, object stored) =>
            (Property(property).GetTypeMapping().Converter?.ConvertFromProvider(stored) ?? stored) switch
            {
                DateTimeOffset instant => instant,
                DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
                var other => throw new InvalidOperationException($"{entity.DisplayName()}.{property} came back as {other?.GetType().Name}."),
            };

        IProperty Property(string name) => entity.FindProperty(name) ?? throw new InvalidOperationException($"{entity.DisplayName()} has no property {name}.");

        static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
    }

    /// <summary><c>FundIndex</c> → <c>fund-index</c>, the way the API spells every enum.</summary>
    static string KebabLower(string name) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(name);
}
