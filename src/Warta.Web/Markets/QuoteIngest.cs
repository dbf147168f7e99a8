using System.Data.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Markets;

/// <summary>A row the ingest refused: its index in the batch (0-based, -1 for the batch as a whole), the field at fault and why.</summary>
public sealed record QuoteRowError(int Row, string Field, string Message);

/// <summary>What the quotes API answers for a stored batch: how many quotes were stored and which were held for an admin.</summary>
public sealed record QuotesAccepted(int Accepted, IReadOnlyList<HeldRow> Held);

public sealed record HeldRow(string Row, string Symbol, decimal Value, DateTimeOffset At, decimal Reference, decimal Percent);

/// <summary>A quote held back because it jumped beyond its instrument's bound; an admin confirms or rejects it.</summary>
public sealed record HeldJump(int Row, string Symbol, decimal Value, DateTimeOffset At, decimal Reference, decimal Percent);

/// <summary>
/// What became of a batch. All-or-nothing: when <see cref="Errors"/> is not empty nothing was stored and
/// <see cref="Accepted"/> is 0. Held jumps are not errors: the rest of the batch is stored and they wait for an admin.
/// </summary>
public sealed record QuoteIngestReport(int Accepted, IReadOnlyList<HeldJump> Held, IReadOnlyList<QuoteRowError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static QuoteIngestReport Refused(IReadOnlyList<QuoteRowError> errors) => new(0, [], errors);

    /// <summary>Every error on one line each, rows named by <paramref name="rowName"/>; for logs and the command line.</summary>
    public IEnumerable<string> Describe(Func<int, string> rowName) =>
        Errors.Select(e => e.Row < 0 ? e.Message : $"{rowName(e.Row)}{(e.Field.Length > 0 ? "." + e.Field : "")}: {e.Message}");
}

public sealed class MarketsOptions
{
    /// <summary>How long minute quotes are kept before they are reduced to daily bars.</summary>
    public int MinuteRetentionDays { get; set; } = 30;
    /// <summary>How often the reduction runs.</summary>
    public int ReduceEveryMinutes { get; set; } = 60;
    /// <summary>Off only where something else runs the reduction (tests that move the clock and run it themselves).</summary>
    public bool ReduceInBackground { get; set; } = true;

    public MarketsOptions Validated() => MinuteRetentionDays is >= 1 and <= 3650 && ReduceEveryMinutes is >= 1 and <= 1440
        ? this
        : throw new InvalidOperationException("Warta:Markets:MinuteRetentionDays must be 1–3650 and Warta:Markets:ReduceEveryMinutes 1–1440.");

    /// <summary>Minute quotes before this instant (a WIB midnight, so no day is split) live only as daily bars.</summary>
    public DateTimeOffset MinuteCutoff(DateTimeOffset now) => Indonesian.StartOfWibDay(now.AddDays(-MinuteRetentionDays));
}

/// <summary>
/// The one way quotes enter Warta (API in JSON or CSV, the CLI import, polled feeds, an admin's confirmation).
/// A batch is all-or-nothing: any bad row rejects the whole batch with every bad row named, and nothing is saved.
/// Idempotent on (symbol, time): sending a quote again stores nothing new. Minutes keep the latest quote by time, so a
/// late quote lands in history without moving the ticker back. A quote jumping beyond its instrument's bound from the
/// quote before it (within the instrument's window) is held for an admin instead of stored.
/// </summary>
public sealed class QuoteIngest(WartaDb db, TimeProvider clock, TickerService ticker, MarketsOptions options, CachedReads reads)
{
    public const int MaxBatch = 10_000;
    /// <summary>The tag of the instruments by symbol as the ingest reads them; <see cref="InstrumentEditor"/> drops it on every change.</summary>
    public const string InstrumentsTag = "instruments";
    /// <summary>Largest value a quote may have (the columns hold 14 digits before the point).</summary>
    const decimal MaxValue = 99_999_999_999_999m;

    readonly record struct Incoming(int Row, Instrument Instrument, DateTimeOffset At, decimal Value, decimal? PreviousClose);

    /// <summary>The HTTP answer for a report; <paramref name="rowName"/> names a row in the caller's terms (<c>[2]</c>, <c>line 3</c>).</summary>
    public static Results<Ok<QuotesAccepted>, ValidationProblem> ToResult(HttpRequest request, QuoteIngestReport report, Func<int, string> rowName,
        Func<string, string>? fieldName = null)
    {
        if (!report.Succeeded)
        {
            var errors = new Errors();
            foreach (var e in report.Errors)
            {
                var field = fieldName?.Invoke(e.Field) ?? e.Field;
                errors.Add(e.Row < 0 ? field : field.Length == 0 ? rowName(e.Row) : $"{rowName(e.Row)}.{field}", e.Message);
            }
            return errors.Problem(request);
        }
        return TypedResults.Ok(new QuotesAccepted(report.Accepted,
            report.Held.Select(h => new HeldRow(rowName(h.Row), h.Symbol, h.Value, h.At, h.Reference, h.Percent)).ToList()));
    }

    public Task<QuoteIngestReport> IngestAsync(IReadOnlyList<QuoteInput> rows, CancellationToken ct) => IngestAsync(rows, holdJumps: true, ct);

    /// <summary>Checks a batch without storing anything (the CLI checks a whole file before importing any of it).</summary>
    public async Task<IReadOnlyList<QuoteRowError>> CheckAsync(IReadOnlyList<QuoteInput> rows, CancellationToken ct)
    {
        return (await ValidateAsync(rows, clock.GetUtcNow(), maxRows: int.MaxValue)).Errors;
    }

    /// <param name="alsoInTransaction">Work saved in the same transaction as the quotes (an admin's decision on a held quote).</param>
    internal async Task<QuoteIngestReport> IngestAsync(IReadOnlyList<QuoteInput> rows, bool holdJumps, CancellationToken ct,
        Func<CancellationToken, Task>? alsoInTransaction = null)
    {
        var now = clock.GetUtcNow();
        var (valid, errors) = await ValidateAsync(rows, now, MaxBatch);
        if (errors.Count > 0) return QuoteIngestReport.Refused(errors);

        var strategy = db.Database.CreateExecutionStrategy();
        var (accepted, held) = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (db is PostgresWartaDb)
                // Ingests merge into daily bars read in this transaction; one at a time keeps a concurrent merge from being lost.
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7214045)", ct);
            var result = await StoreAsync(valid, holdJumps, now, ct);
            if (alsoInTransaction is not null) await alsoInTransaction(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return result;
        });
        ticker.Invalidate();
        return new QuoteIngestReport(accepted, held, []);
    }

    /// <summary>
    /// The instruments by symbol, kept in memory between batches (a batch of a thousand quotes needs them all, and they
    /// change seldom). Instruments written another way than through <see cref="InstrumentEditor"/> (demo seeding, another
    /// node before its notice arrives) are found because a batch naming a symbol not known here is checked again afresh.
    /// </summary>
    Task<IReadOnlyDictionary<string, Instrument>> InstrumentsAsync() =>
        reads.GetOrReadAsync<IReadOnlyDictionary<string, Instrument>>(InstrumentsTag, "by-symbol", TimeSpan.FromMinutes(10), async services =>
            await services.GetRequiredService<WartaDb>().Instruments.AsNoTracking().ToDictionaryAsync(i => i.Symbol, StringComparer.Ordinal));

    async Task<(List<Incoming> Valid, List<QuoteRowError> Errors)> ValidateAsync(IReadOnlyList<QuoteInput> rows, DateTimeOffset now, int maxRows)
    {
        var checkedRows = Validate(rows, await InstrumentsAsync(), now, maxRows);
        if (!checkedRows.Errors.Any(e => e.Field == "symbol" && e.Row >= 0 && !string.IsNullOrWhiteSpace(rows[e.Row].Symbol))) return checkedRows;
        reads.ForgetHere(InstrumentsTag);
        return Validate(rows, await InstrumentsAsync(), now, maxRows);
    }

    static (List<Incoming> Valid, List<QuoteRowError> Errors) Validate(
        IReadOnlyList<QuoteInput> rows, IReadOnlyDictionary<string, Instrument> instruments, DateTimeOffset now, int maxRows)
    {
        var errors = new List<QuoteRowError>();
        if (rows.Count == 0) errors.Add(new(-1, "", "The batch is empty."));
        if (rows.Count > maxRows) errors.Add(new(-1, "", $"A batch holds at most {maxRows} quotes."));
        if (errors.Count > 0) return ([], errors);

        var valid = new List<Incoming>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var before = errors.Count;
            // A symbol sent as stored needs no normalising (stored symbols are already in their normal form).
            Instrument? instrument = null;
            if ((row.Symbol is null || !instruments.TryGetValue(row.Symbol, out instrument))
                && (MarketsModule.NormalizeSymbol(row.Symbol) is not { } symbol || !instruments.TryGetValue(symbol, out instrument)))
                errors.Add(new(i, "symbol", string.IsNullOrWhiteSpace(row.Symbol) ? "Symbol is required." : $"Unknown symbol '{row.Symbol}'."));
            if (row.Value is not { } value) errors.Add(new(i, "value", "Value is required and must be a number."));
            else if (value <= 0) errors.Add(new(i, "value", "Value must be above zero."));
            else if (value > MaxValue) errors.Add(new(i, "value", "Value is too large."));
            if (row.PreviousClose is <= 0) errors.Add(new(i, "previousClose", "Previous close must be above zero."));
            else if (row.PreviousClose > MaxValue) errors.Add(new(i, "previousClose", "Previous close is too large."));
            if (row.At is not { } when) errors.Add(new(i, "at", "Time is required, in ISO 8601 with an offset."));
            else if (when > now.AddMinutes(5)) errors.Add(new(i, "at", "Time is in the future."));
            else if (when.Year < 1970) errors.Add(new(i, "at", "Time is before 1970."));
            if (errors.Count == before)
                valid.Add(new Incoming(i, instrument!, row.At!.Value.ToUniversalTime(), row.Value!.Value, row.PreviousClose));
        }
        return (valid, errors);
    }

    async Task<(int Accepted, List<HeldJump> Held)> StoreAsync(List<Incoming> valid, bool holdJumps, DateTimeOffset now, CancellationToken ct)
    {
        var cutoff = options.MinuteCutoff(now);
        var ids = valid.Select(v => v.Instrument.Id).Distinct().ToList();

        // Stored minutes around the batch: the quotes a jump is measured from, and the minutes a row would correct.
        var recent = valid.Where(v => v.At >= cutoff).ToList();
        var nearby = new Dictionary<int, List<(DateTimeOffset At, decimal Value)>>();
        if (recent.Count > 0)
        {
            var window = TimeSpan.FromMinutes(recent.Max(v => v.Instrument.JumpWindowMinutes));
            var from = Quote.MinuteOf(recent.Min(v => v.At)) - window;
            var to = Quote.MinuteOf(recent.Max(v => v.At));
            foreach (var (instrumentId, at, value) in await StoredMinutesAsync(ids, from, to, ct))
            {
                if (!nearby.TryGetValue(instrumentId, out var list)) nearby[instrumentId] = list = [];
                list.Add((at, value));
            }
        }

        var accepted = new List<Incoming>(valid.Count);
        var held = new List<(Incoming Row, decimal Reference, DateTimeOffset ReferenceAt, decimal Percent)>();
        var corrected = new HashSet<(int, DateOnly)>();
        foreach (var group in valid.GroupBy(v => v.Instrument.Id))
        {
            var instrument = group.First().Instrument;
            var timeline = new SortedList<DateTimeOffset, decimal>();
            foreach (var (at, value) in nearby.GetValueOrDefault(group.Key) ?? [])
            {
                timeline[at] = value;
            }
            var window = TimeSpan.FromMinutes(instrument.JumpWindowMinutes);
            // In time order, so each row is measured from the one just before it, whether stored or in this batch.
            foreach (var row in group.OrderBy(r => r.At).ThenBy(r => r.Row))
            {
                if (timeline.TryGetValue(row.At, out var stored))
                {
                    if (stored != row.Value) corrected.Add((group.Key, TradingCalendar.WibDay(row.At)));
                }
                else if (holdJumps && Before(timeline, row.At) is { } reference && reference.At >= row.At - window)
                {
                    var percent = (row.Value - reference.Value) / reference.Value * 100m;
                    if (Math.Abs(percent) > instrument.JumpHoldPercent)
                    {
                        held.Add((row, reference.Value, reference.At, percent));
                        continue;
                    }
                }
                timeline[row.At] = row.Value;
                accepted.Add(row);
            }
        }

        await UpsertMinutesAsync(accepted.Where(a => a.At >= cutoff), ct);
        await MergeDailyBarsAsync(accepted, corrected, cutoff, ct);
        var heldReport = await HoldAsync(held, now, ct);
        return (accepted.Count, heldReport);
    }

    async Task<List<(int InstrumentId, DateTimeOffset At, decimal Value)>> StoredMinutesAsync(List<int> ids, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (db is PostgresWartaDb)
            return (await db.Quotes.AsNoTracking().Where(q => ids.Contains(q.InstrumentId) && q.Minute >= from && q.Minute <= to)
                .Select(q => new { q.InstrumentId, q.At, q.Value }).ToListAsync(ct)).ConvertAll(q => (q.InstrumentId, q.At, q.Value));
        await using var command = SqliteRead(
            "SELECT \"InstrumentId\", \"At\", \"Value\" FROM \"QuoteMinutes\" WHERE \"InstrumentId\" IN (SELECT value FROM json_each(@ids)) " +
            "AND \"Minute\" >= @from AND \"Minute\" <= @to", ids, ("@from", from.UtcTicks), ("@to", to.UtcTicks));
        var minutes = new List<(int, DateTimeOffset, decimal)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (reader.Read()) minutes.Add((reader.GetInt32(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero), reader.GetDecimal(2)));
        return minutes;
    }

    async Task<List<DailyBar>> StoredBarsAsync(List<int> ids, DateOnly first, DateOnly last, CancellationToken ct)
    {
        if (db is PostgresWartaDb)
            return await db.DailyBars.AsNoTracking().Where(b => ids.Contains(b.InstrumentId) && b.Day >= first && b.Day <= last).ToListAsync(ct);
        await using var command = SqliteRead(
            "SELECT \"InstrumentId\", \"Day\", \"Open\", \"High\", \"Low\", \"Close\", \"OpenAt\", \"CloseAt\" FROM \"DailyBars\" " +
            "WHERE \"InstrumentId\" IN (SELECT value FROM json_each(@ids)) AND \"Day\" >= @first AND \"Day\" <= @last", ids, ("@first", first), ("@last", last));
        var bars = new List<DailyBar>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (reader.Read())
            bars.Add(new DailyBar
            {
                InstrumentId = reader.GetInt32(0), Day = reader.GetFieldValue<DateOnly>(1), Open = reader.GetDecimal(2), High = reader.GetDecimal(3),
                Low = reader.GetDecimal(4), Close = reader.GetDecimal(5), OpenAt = new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
                CloseAt = new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero),
            });
        return bars;
    }

    /// <summary>
    /// A read on SQLite straight from the connection, in the batch's transaction. EF's query pipeline costs more than the
    /// read itself at a batch every few milliseconds; the columns are read as <see cref="SqliteWartaDb"/> stores them
    /// (instants as UTC ticks, numbers and days as text). <paramref name="ids"/> go in as one JSON array.
    /// </summary>
    DbCommand SqliteRead(string sql, List<int> ids, params (string Name, object Value)[] values)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        foreach (var (name, value) in values.Prepend(("@ids", "[" + string.Join(',', ids) + "]")))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    static (DateTimeOffset At, decimal Value)? Before(SortedList<DateTimeOffset, decimal> timeline, DateTimeOffset at)
    {
        var keys = timeline.Keys;
        int lo = 0, hi = keys.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (keys[mid] < at) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found < 0 ? null : (keys[found], timeline.Values[found]);
    }

    async Task UpsertMinutesAsync(IEnumerable<Incoming> rows, CancellationToken ct)
    {
        // One row per minute: the latest quote by time (a later row wins a tie, as a correction).
        var latest = new Dictionary<(int, DateTimeOffset), Incoming>();
        foreach (var row in rows)
        {
            var key = (row.Instrument.Id, Quote.MinuteOf(row.At));
            if (!latest.TryGetValue(key, out var kept) || row.At > kept.At || (row.At == kept.At && row.Row > kept.Row)) latest[key] = row;
        }
        var minutes = latest.Values;
        const string onConflict = " ON CONFLICT (\"InstrumentId\", \"Minute\") DO UPDATE SET \"At\" = excluded.\"At\", \"Value\" = excluded.\"Value\", " +
                                  "\"PreviousClose\" = excluded.\"PreviousClose\" WHERE excluded.\"At\" >= \"QuoteMinutes\".\"At\"";
        await UpsertAsync("QuoteMinutes", onConflict, minutes,
        [
            Bulk.Int<Incoming>("InstrumentId", r => r.Instrument.Id),
            Bulk.Instant<Incoming>("Minute", r => Quote.MinuteOf(r.At)),
            Bulk.Instant<Incoming>("At", r => r.At),
            Bulk.Number<Incoming>("Value", r => r.Value),
            Bulk.NumberOrNull<Incoming>("PreviousClose", r => r.PreviousClose),
        ], ct);
    }

    async Task MergeDailyBarsAsync(List<Incoming> accepted, HashSet<(int, DateOnly)> corrected, DateTimeOffset cutoff, CancellationToken ct)
    {
        if (accepted.Count == 0) return;
        var byDay = accepted.GroupBy(a => (a.Instrument.Id, Day: TradingCalendar.WibDay(a.At))).ToList();
        var ids = byDay.Select(g => g.Key.Id).Distinct().ToList();
        var first = byDay.Min(g => g.Key.Day);
        var last = byDay.Max(g => g.Key.Day);
        var wanted = byDay.Select(g => g.Key).ToHashSet();
        var bars = (await StoredBarsAsync(ids, first, last, ct))
            .Where(b => wanted.Contains((b.InstrumentId, b.Day)))
            .ToDictionary(b => (b.InstrumentId, b.Day));

        var changed = new List<DailyBar>(byDay.Count);
        foreach (var group in byDay)
        {
            DailyBar? bar;
            if (corrected.Contains(group.Key) && TradingCalendar.WibInstant(group.Key.Day, TimeOnly.MinValue) >= cutoff)
            {
                // A quote was corrected: its old value may have been the day's high or low, so rebuild the day from its minutes
                // (already updated in this transaction).
                var start = TradingCalendar.WibInstant(group.Key.Day, TimeOnly.MinValue);
                var end = start.AddDays(1);
                var minutes = await db.Quotes.AsNoTracking()
                    .Where(q => q.InstrumentId == group.Key.Id && q.Minute >= start && q.Minute < end)
                    .Select(q => new { q.At, q.Value }).ToListAsync(ct);
                bar = null;
                foreach (var m in minutes.OrderBy(m => m.At)) bar = DailyBars.Merge(bar, group.Key.Id, group.Key.Day, m.At, m.Value);
            }
            else
            {
                bar = bars.GetValueOrDefault(group.Key);
                foreach (var row in group.OrderBy(r => r.At).ThenBy(r => r.Row)) bar = DailyBars.Merge(bar, group.Key.Id, group.Key.Day, row.At, row.Value);
            }
            changed.Add(bar!);
        }
        await UpsertBarsAsync(changed, ct);
    }

    internal Task UpsertBarsAsync(IReadOnlyCollection<DailyBar> bars, CancellationToken ct)
    {
        const string onConflict = " ON CONFLICT (\"InstrumentId\", \"Day\") DO UPDATE SET \"Open\" = excluded.\"Open\", \"High\" = excluded.\"High\", " +
                                  "\"Low\" = excluded.\"Low\", \"Close\" = excluded.\"Close\", \"OpenAt\" = excluded.\"OpenAt\", \"CloseAt\" = excluded.\"CloseAt\"";
        return UpsertAsync("DailyBars", onConflict, bars,
        [
            Bulk.Int<DailyBar>("InstrumentId", b => b.InstrumentId),
            Bulk.Day<DailyBar>("Day", b => b.Day),
            Bulk.Number<DailyBar>("Open", b => b.Open),
            Bulk.Number<DailyBar>("High", b => b.High),
            Bulk.Number<DailyBar>("Low", b => b.Low),
            Bulk.Number<DailyBar>("Close", b => b.Close),
            Bulk.Instant<DailyBar>("OpenAt", b => b.OpenAt),
            Bulk.Instant<DailyBar>("CloseAt", b => b.CloseAt),
        ], ct);
    }

    async Task<List<HeldJump>> HoldAsync(List<(Incoming Row, decimal Reference, DateTimeOffset ReferenceAt, decimal Percent)> held, DateTimeOffset now, CancellationToken ct)
    {
        var report = new List<HeldJump>(held.Count);
        if (held.Count == 0) return report;
        var ids = held.Select(h => h.Row.Instrument.Id).Distinct().ToList();
        var times = held.Select(h => h.Row.At).Distinct().ToList();
        var earlier = await db.HeldQuotes.Where(h => ids.Contains(h.InstrumentId) && times.Contains(h.At) && h.Status != HeldStatus.Confirmed).ToListAsync(ct);
        foreach (var (row, reference, referenceAt, percent) in held)
        {
            var same = earlier.FirstOrDefault(h => h.InstrumentId == row.Instrument.Id && h.At == row.At
                                                   && (h.Status == HeldStatus.Held || h.Value == row.Value));
            // An admin already turned this very quote down; a feed sending it again must not put it back in front of them.
            if (same is { Status: HeldStatus.Rejected }) continue;
            if (same is null)
            {
                same = new HeldQuote { InstrumentId = row.Instrument.Id, At = row.At, HeldAt = now, Status = HeldStatus.Held };
                db.HeldQuotes.Add(same);
                earlier.Add(same);
            }
            same.Value = row.Value;
            same.PreviousClose = row.PreviousClose;
            same.Reference = reference;
            same.ReferenceAt = referenceAt;
            report.Add(new HeldJump(row.Row, row.Instrument.Symbol, row.Value, row.At, reference, percent));
        }
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>
    /// INSERT … ON CONFLICT of many rows in the current transaction, the fastest way each provider has. SQLite: one
    /// statement for one row, prepared once and run per row (SQLite runs a prepared statement in microseconds; a statement
    /// of thousands of named parameters costs more to bind than to run). PostgreSQL: one statement for the whole batch,
    /// each column sent as one array and unnested, so there is one round trip and five parameters, not five thousand.
    /// Keys must be unique within <paramref name="rows"/> (PostgreSQL refuses to update a row twice in one statement).
    /// </summary>
    async Task UpsertAsync<T>(string table, string onConflict, IReadOnlyCollection<T> rows, Bulk.Column<T>[] columns, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        var parameters = new DbParameter[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "@p" + i;
            command.Parameters.Add(parameters[i]);
        }
        if (db is PostgresWartaDb)
        {
            var arrays = string.Join(", ", columns.Select((c, i) => $"@p{i}::{c.PostgresArray}"));
            command.CommandText = $"INSERT INTO \"{table}\" ({names}) SELECT * FROM unnest({arrays}){onConflict}";
            var all = rows as T[] ?? [.. rows];
            for (var i = 0; i < columns.Length; i++) parameters[i].Value = columns[i].Many(all);
            await command.ExecuteNonQueryAsync(ct);
            return;
        }
        command.CommandText = $"INSERT INTO \"{table}\" ({names}) VALUES ({string.Join(", ", parameters.Select(p => p.ParameterName))}){onConflict}";
        command.Prepare();
        // Microsoft.Data.Sqlite runs everything synchronously; its async methods only add a task per row.
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Length; i++) parameters[i].Value = columns[i].One(row);
            command.ExecuteNonQuery();
        }
    }
}

/// <summary>Columns for <see cref="QuoteIngest"/>'s upserts: a row's value as SQLite stores it, and a batch's values as a PostgreSQL array.</summary>
static class Bulk
{
    /// <param name="One">The value of one row as SQLite stores it (instants as UTC ticks, see <see cref="SqliteWartaDb"/>).</param>
    /// <param name="Many">The values of all rows as one array for PostgreSQL, of the type <paramref name="PostgresArray"/> names.</param>
    public sealed record Column<T>(string Name, string PostgresArray, Func<T, object> One, Func<T[], Array> Many);

    public static Column<T> Int<T>(string name, Func<T, int> value) => new(name, "integer[]", r => value(r), rows => Array.ConvertAll(rows, r => value(r)));

    public static Column<T> Number<T>(string name, Func<T, decimal> value) => new(name, "numeric[]", r => value(r), rows => Array.ConvertAll(rows, r => value(r)));

    public static Column<T> NumberOrNull<T>(string name, Func<T, decimal?> value) =>
        new(name, "numeric[]", r => value(r) is { } v ? v : DBNull.Value as object, rows => Array.ConvertAll(rows, r => value(r)));

    public static Column<T> Instant<T>(string name, Func<T, DateTimeOffset> value) =>
        new(name, "timestamptz[]", r => value(r).UtcTicks, rows => Array.ConvertAll(rows, r => value(r).ToUniversalTime()));

    public static Column<T> Day<T>(string name, Func<T, DateOnly> value) => new(name, "date[]", r => value(r), rows => Array.ConvertAll(rows, r => value(r)));
}

public static class DailyBars
{
    /// <summary>Folds one quote into a day's bar: the earliest quote opens it, the latest closes it.</summary>
    public static DailyBar Merge(DailyBar? bar, int instrumentId, DateOnly day, DateTimeOffset at, decimal value)
    {
        if (bar is null)
            return new DailyBar { InstrumentId = instrumentId, Day = day, Open = value, High = value, Low = value, Close = value, OpenAt = at, CloseAt = at };
        if (bar.OpenAt == at && bar.CloseAt == at)
        {
            // A one-quote day corrected: nothing else holds its high or low.
            bar.Open = bar.High = bar.Low = bar.Close = value;
            return bar;
        }
        if (at < bar.OpenAt) { bar.Open = value; bar.OpenAt = at; }
        else if (at == bar.OpenAt) bar.Open = value;
        if (at > bar.CloseAt) { bar.Close = value; bar.CloseAt = at; }
        else if (at == bar.CloseAt) bar.Close = value;
        bar.High = Math.Max(bar.High, value);
        bar.Low = Math.Min(bar.Low, value);
        return bar;
    }
}
