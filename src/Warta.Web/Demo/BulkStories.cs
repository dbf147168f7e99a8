using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Warta.Web.Accounts;
using Warta.Web.Content;
using Warta.Web.Data;
using Warta.Web.Newsroom;
using Warta.Web.Shared;

namespace Warta.Web.Demo;

/// <summary>
/// Writes many generated published stories at once, for benchmarks at 100,000 and 1,000,000 stories. Each story gets the
/// rows <see cref="ArticleWriter"/> gives a new published story saved by the system (the story with its unique slug and
/// cleaned body, its tag and reporter links, its first revision, its audit line), built from the same entities, but
/// written in big batches: binary COPY on PostgreSQL, one prepared insert per table in large transactions on SQLite.
/// The input is trusted generated copy (the demo's own stories recombined), so it is not validated story by story.
/// </summary>
public sealed class BulkStories(WartaDb db, StaffHtml html, TimeProvider clock, ILogger logger)
{
    const int Batch = 5000;

    public async Task<int> WriteAsync(IAsyncEnumerable<ArticleInput> stories, int total, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var actor = Actor.System;
        var channels = await db.Channels.AsNoTracking().ToDictionaryAsync(c => c.Slug, c => c.Id, cancellationToken);
        var slugs = (await db.Articles.Select(a => a.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var numbered = new Dictionary<string, int>(StringComparer.Ordinal);
        var tags = await db.Tags.AsNoTracking().ToDictionaryAsync(t => t.Slug, t => t.Id, StringComparer.Ordinal, cancellationToken);
        var people = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Slug, StringComparer.Ordinal, cancellationToken);
        // Generated bodies recombine a few demo stories, so each distinct body is cleaned once.
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var written = 0;
        var started = System.Diagnostics.Stopwatch.StartNew();
        IDbContextTransaction? transaction = null;
        try
        {
            await foreach (var input in stories.WithCancellation(cancellationToken))
            {
                transaction ??= await db.Database.BeginTransactionAsync(cancellationToken);
                var title = input.Title!.Trim();
                var slug = UniqueSlug(title, slugs, numbered);
                if (!bodies.TryGetValue(input.Body ?? "", out var body)) bodies[input.Body ?? ""] = body = html.Clean(input.Body);
                var tagNames = ArticleWriter.TagNames(input);
                var reporterNames = ArticleWriter.ReporterNames(input);
                var article = new Article
                {
                    Id = Guid.CreateVersion7(), Title = title, Slug = slug, OwnerId = actor.UserId, CreatedAt = now, Version = 1,
                    Kind = input.Kind ?? ArticleKind.News, ChannelId = channels[input.Channel!],
                    Source = ArticleWriter.Blank(input.Source), Dateline = ArticleWriter.Blank(input.Dateline)?.ToUpperInvariant(),
                    Summary = ArticleWriter.Blank(input.Summary), SeoTitle = ArticleWriter.Blank(input.SeoTitle),
                    SeoDescription = ArticleWriter.Blank(input.SeoDescription), Body = body, Premium = input.Premium ?? false,
                    ImageId = input.Image?.MediaId, ImageCaption = ArticleWriter.Blank(input.Image?.Caption),
                    ImageCredit = ArticleWriter.Blank(input.Image?.Credit), ImageAlt = ArticleWriter.Blank(input.Image?.Alt),
                    EditorId = ArticleWriter.Blank(input.Editor) is { } editor ? (await PersonAsync(people, editor, null)).Id : null,
                    ColumnistId = ArticleWriter.Blank(input.Columnist?.Name) is { } columnist
                        ? (await PersonAsync(people, columnist, ArticleWriter.Blank(input.Columnist!.Role))).Id : null,
                    Status = ArticleStatus.Published, PublishedAt = (input.PublishedAt ?? now).ToUniversalTime(), ModifiedAt = now,
                };
                article.ListedAt = article.PublishedAt!.Value;
                var tagIds = new List<int>();
                foreach (var name in tagNames) tagIds.Add(await TagIdAsync(tags, name));
                var reporterIds = new List<int>();
                foreach (var name in reporterNames) reporterIds.Add((await PersonAsync(people, name, null)).Id);
                article.Tags.AddRange(tagIds.Select((id, i) => new ArticleTag { TagId = id, Order = i }));
                article.Reporters.AddRange(reporterIds.Select((id, i) => new ArticleReporter { PersonId = id, Order = i }));
                db.Articles.Add(article);
                var snapshot = ArticleWriter.Snapshot(article, input.Channel!, input, tagNames, reporterNames, [], null, null);
                db.Add(ArticleWriter.NewRevision(article.Id, article.Version, RevisionKind.Save, article.Status, actor, now, snapshot, null));
                AuditLog.Add(db, clock, actor.Name, "article.publish", ArticleWriter.AuditSubject(article), null);

                if (++written % Batch == 0 || written == total)
                {
                    await FlushAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    await transaction.DisposeAsync();
                    transaction = null;
                    if (written % (Batch * 10) == 0 || written == total)
                        logger.LogInformation("Wrote {Count} of {Total} articles in bulk ({Rate:0}/s)", written, total, written / started.Elapsed.TotalSeconds);
                }
            }
            if (transaction is not null)
            {
                await FlushAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (transaction is not null) await transaction.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
        if (db.Database.IsNpgsql())
        {
            // After a bulk load PostgreSQL's planner needs fresh statistics, and index-only scans a fresh visibility map.
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) \"Articles\", \"ArticleTags\", \"ArticleReporters\", \"ArticleRevisions\", \"AuditEntries\"", cancellationToken);
        }
        return written;
    }

    /// <summary>
    /// The slug <see cref="Slug.UniqueAsync"/> gives (the first free of <c>-2</c>, <c>-3</c> …), counting on from the last
    /// number given to the same slug instead of from 2: a generated title longer than a slug is cut before its number, so one
    /// slug is numbered for thousands of stories, and counting from 2 each time made a million stories quadratic (hours).
    /// Every number below the one last given was taken then and still is: the slugs only grow while seeding.
    /// </summary>
    static string UniqueSlug(string title, HashSet<string> taken, Dictionary<string, int> numbered)
    {
        var baseSlug = Slug.From(title) is { Length: > 0 } s ? s : "berita";
        var slug = baseSlug;
        if (taken.Contains(slug))
        {
            var n = numbered.GetValueOrDefault(baseSlug, 2);
            while (taken.Contains(slug = $"{baseSlug}-{n}")) n++;
            numbered[baseSlug] = n + 1;
        }
        taken.Add(slug);
        return slug;
    }

    /// <summary>A tag by its name's slug, created (as a save would) when it is new.</summary>
    async Task<int> TagIdAsync(Dictionary<string, int> known, string name)
    {
        var slug = Slug.From(name);
        if (known.TryGetValue(slug, out var id)) return id;
        var tag = db.Tags.Add(new Tag { Slug = slug, Name = name }).Entity;
        await db.SaveChangesAsync();
        db.Entry(tag).State = EntityState.Detached;
        return known[slug] = tag.Id;
    }

    /// <summary>A person by name, created when new; a columnist's role is brought up to date as a save does.</summary>
    async Task<Person> PersonAsync(Dictionary<string, Person> known, string name, string? role)
    {
        name = name.Trim();
        var slug = Slug.From(name);
        if (!known.TryGetValue(slug, out var person))
        {
            person = db.People.Add(new Person { Slug = slug, Name = name, Role = role }).Entity;
            await db.SaveChangesAsync();
            db.Entry(person).State = EntityState.Detached;
            known[slug] = person;
        }
        else if (role is not null && person.Role != role)
        {
            person.Role = role;
            await db.People.Where(p => p.Id == person.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Role, role));
        }
        return person;
    }

    /// <summary>Writes every entity added to the context since the last flush, stories first, and forgets them.</summary>
    async Task FlushAsync(CancellationToken cancellationToken)
    {
        var added = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added)
            .GroupBy(e => e.Metadata).OrderBy(g => g.Key.ClrType == typeof(Article) ? 0 : 1).ToList();
        foreach (var group in added)
            await RowWriter.WriteAsync(db, group.Key, group.ToList(), cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>Writes rows of one entity type with the columns and value conversions the EF model gives them.</summary>
    static class RowWriter
    {
        public static async Task WriteAsync(WartaDb db, IEntityType type, List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> rows, CancellationToken cancellationToken)
        {
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            // Keys the database numbers itself (revisions, audit lines) are left to it.
            var columns = type.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.OnAdd || !p.IsKey() || p.ClrType == typeof(Guid))
                .Select(p => (Property: p, Column: p.GetColumnName(table)!, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping())).ToList();
            var columnList = string.Join(", ", columns.Select(c => Quote(c.Column)));
            var connection = db.Database.GetDbConnection();
            object? Value(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry row, IProperty p, RelationalTypeMapping mapping)
            {
                var value = row.Property(p.Name).CurrentValue;
                return value is null ? null : mapping.Converter?.ConvertToProvider(value) ?? value;
            }
            if (connection is NpgsqlConnection postgres)
            {
                var types = columns.Select(c => c.Mapping.StoreType.Split('(')[0].Trim()).ToList();
                await using var importer = await postgres.BeginBinaryImportAsync(
                    $"COPY {Quote(table.Name)} ({columnList}) FROM STDIN (FORMAT BINARY)", cancellationToken);
                foreach (var row in rows)
                {
                    await importer.StartRowAsync(cancellationToken);
                    for (var i = 0; i < columns.Count; i++)
                    {
                        var value = Value(row, columns[i].Property, columns[i].Mapping);
                        if (value is null) await importer.WriteNullAsync(cancellationToken);
                        else await importer.WriteAsync(value, types[i], cancellationToken);
                    }
                }
                await importer.CompleteAsync(cancellationToken);
                return;
            }
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = $"INSERT INTO {Quote(table.Name)} ({columnList}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            // The type mapping configures each parameter as EF would (a Guid as text, not a blob).
            var parameters = columns.Select((c, i) => c.Mapping.CreateParameter(command, "$p" + i, null, nullable: true)).ToList();
            foreach (var parameter in parameters) command.Parameters.Add(parameter);
            await command.PrepareAsync(cancellationToken);
            foreach (var row in rows)
            {
                for (var i = 0; i < columns.Count; i++) parameters[i].Value = Value(row, columns[i].Property, columns[i].Mapping) ?? DBNull.Value;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
    }
}
