using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Newsroom;
using Warta.Web.Shared;

namespace Warta.Web.Markets;

public sealed class InstrumentInput
{
    public string? Label { get; set; }
    public InstrumentKind? Kind { get; set; }
    public int? Decimals { get; set; }
    public string? Unit { get; set; }
    public TickerDisplay? Display { get; set; }
    public int? Order { get; set; }
    public bool? InTicker { get; set; }
}

public sealed class QuoteInput
{
    public string? Symbol { get; set; }
    public decimal? Value { get; set; }
    public decimal? PreviousClose { get; set; }
    public DateTimeOffset? At { get; set; }
}

public static partial class MarketsModule
{
    [GeneratedRegex("^[A-Z0-9][A-Z0-9./_-]{0,39}$")]
    private static partial Regex SymbolPattern();

    public static IServiceCollection AddMarkets(this IServiceCollection services)
    {
        services.AddSingleton<TickerService>();
        services.AddScoped<QuoteIngest>();
        Live.LiveTicker.AddLiveTicker(services);
        Feeds.FeedRegistration.AddQuoteFeeds(services);
        return services;
    }

    public static void MapMarkets(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/instruments").RequireAuthorization(ApiAuth.NewsroomPolicy).RequireRateLimiting("api");
        admin.MapPut("/{**symbol}", PutInstrument);
        admin.MapGet("/", async (WartaDb db) => TypedResults.Ok(await db.Instruments.AsNoTracking().OrderBy(i => i.Order).ToListAsync()));

        app.MapPost("/api/markets/quotes", PostQuotes).RequireAuthorization(ApiAuth.QuotesPolicy).RequireRateLimiting("api");
        app.MapGet("/api/markets/ticker", async (TickerService ticker) => TypedResults.Ok(await ticker.CurrentAsync()));
        Live.LiveTicker.MapLiveTicker(app);
    }

    public static string? NormalizeSymbol(string? raw)
    {
        var symbol = Uri.UnescapeDataString(raw ?? "").Trim().ToUpperInvariant();
        return SymbolPattern().IsMatch(symbol) ? symbol : null;
    }

    static async Task<IResult> PutInstrument(string symbol, HttpRequest request, WartaDb db, TickerService ticker, PageCache pages)
    {
        var normalized = NormalizeSymbol(symbol);
        var (input, error) = await JsonInput.ReadAsync<InstrumentInput>(request);
        if (error is not null) return error;
        var errors = new Errors();
        if (normalized is null) errors.Add("symbol", "Symbol must be 1–40 characters: letters, digits and . / _ -");
        if (string.IsNullOrWhiteSpace(input!.Label)) errors.Add("label", "Label is required.");
        else if (input.Label.Length > 80) errors.Add("label", "Label is at most 80 characters.");
        if (input.Kind is null) errors.Add("kind", "Kind is required: index, price, fx or fund-index.");
        if (input.Decimals is < 0 or > 6) errors.Add("decimals", "Decimals must be between 0 and 6.");
        if (input.Unit is { Length: > 40 }) errors.Add("unit", "Unit is at most 40 characters.");
        if (errors.Any) return errors.Result();

        var instrument = await db.Instruments.SingleOrDefaultAsync(i => i.Symbol == normalized);
        var created = instrument is null;
        instrument ??= db.Instruments.Add(new Instrument { Symbol = normalized!, Label = "" }).Entity;
        instrument.Label = input.Label!.Trim();
        instrument.Kind = input.Kind!.Value;
        instrument.Decimals = input.Decimals ?? (input.Kind == InstrumentKind.Price ? 0 : 2);
        instrument.Unit = string.IsNullOrWhiteSpace(input.Unit) ? null : input.Unit.Trim();
        instrument.Display = input.Display ?? (input.Kind == InstrumentKind.FundIndex ? TickerDisplay.Percent : TickerDisplay.Full);
        instrument.Order = input.Order ?? 0;
        instrument.InTicker = input.InTicker ?? true;
        await db.SaveChangesAsync();
        ticker.Invalidate();
        await pages.EvictAsync(CacheTags.Lists);
        var body = new { instrument.Symbol, instrument.Label, kind = instrument.Kind, instrument.Decimals, instrument.Unit, display = instrument.Display, instrument.Order, instrument.InTicker };
        return created ? TypedResults.Created($"/api/admin/instruments/{instrument.Symbol}", body) : TypedResults.Ok(body);
    }

    static async Task<IResult> PostQuotes(HttpRequest request, QuoteIngest ingest)
    {
        var (input, error) = await JsonInput.ReadAsync<List<QuoteInput>>(request);
        if (error is not null) return error;
        return await ingest.IngestAsync(input!);
    }
}

/// <summary>
/// Takes a batch of quotes all-or-nothing: any bad row rejects the whole batch with every bad row named, and nothing is saved.
/// A quote for a (symbol, time) already stored replaces it, so a batch can be sent again safely.
/// </summary>
public sealed class QuoteIngest(WartaDb db, TimeProvider clock, TickerService ticker)
{
    public sealed record Accepted(int Count);

    public const int MaxBatch = 10_000;

    public async Task<Microsoft.AspNetCore.Http.IResult> IngestAsync(IReadOnlyList<QuoteInput> rows)
    {
        var errors = new Errors();
        if (rows.Count == 0) errors.Add("", "The batch is empty.");
        if (rows.Count > MaxBatch) errors.Add("", $"A batch holds at most {MaxBatch} quotes.");
        if (errors.Any) return errors.Result();

        var instruments = await db.Instruments.AsNoTracking().ToDictionaryAsync(i => i.Symbol);
        var now = clock.GetUtcNow();
        var valid = new List<(Instrument Instrument, DateTimeOffset At, decimal Value, decimal? PreviousClose)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var at = $"[{i}]";
            var symbol = MarketsModule.NormalizeSymbol(row.Symbol);
            Instrument? instrument = null;
            if (symbol is null || !instruments.TryGetValue(symbol, out instrument))
                errors.Add($"{at}.symbol", $"Unknown symbol '{row.Symbol}'.");
            if (row.Value is not { } value) errors.Add($"{at}.value", "Value is required and must be a number.");
            else if (value <= 0 && instrument?.Kind != InstrumentKind.FundIndex) errors.Add($"{at}.value", "Value must be above zero.");
            if (row.PreviousClose is <= 0) errors.Add($"{at}.previousClose", "Previous close must be above zero.");
            if (row.At is not { } when) errors.Add($"{at}.at", "Time is required, in ISO 8601 with an offset.");
            else if (when > now.AddMinutes(5)) errors.Add($"{at}.at", "Time is in the future.");
            else if (when.Year < 1970) errors.Add($"{at}.at", "Time is before 1970.");
            if (instrument is not null && row is { Value: { } v, At: { } t } && !errors.Has(at))
                valid.Add((instrument, t.ToUniversalTime(), v, row.PreviousClose));
        }
        if (errors.Any) return errors.Result();

        await using var transaction = await db.Database.BeginTransactionAsync();
        var stored = 0;
        foreach (var group in valid.GroupBy(v => v.Instrument.Id))
        {
            var times = group.Select(g => g.At).Distinct().ToList();
            var existing = await db.Quotes.Where(q => q.InstrumentId == group.Key && times.Contains(q.At)).ToDictionaryAsync(q => q.At);
            // Every quote of one WIB day shares the same previous close: look it up once per day, not once per quote.
            var closes = new Dictionary<DateTimeOffset, decimal?>();
            foreach (var quote in group.OrderBy(g => g.At))
            {
                var day = Indonesian.StartOfWibDay(quote.At);
                if (quote.PreviousClose is null && !closes.ContainsKey(day)) closes[day] = await PreviousCloseAsync(group.Key, day, group);
                var previous = quote.PreviousClose ?? closes[day];
                if (existing.TryGetValue(quote.At, out var row))
                {
                    row.Value = quote.Value;
                    row.PreviousClose = previous;
                }
                else
                {
                    row = new Quote { InstrumentId = group.Key, At = quote.At, Value = quote.Value, PreviousClose = previous };
                    db.Quotes.Add(row);
                    existing[quote.At] = row;
                }
                stored++;
            }
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        ticker.Invalidate();
        return TypedResults.Ok(new Accepted(stored));
    }

    /// <summary>The last value before <paramref name="dayStart"/> (a WIB midnight), in this batch or already stored.</summary>
    async Task<decimal?> PreviousCloseAsync(int instrumentId, DateTimeOffset dayStart,
        IEnumerable<(Instrument Instrument, DateTimeOffset At, decimal Value, decimal? PreviousClose)> batch)
    {
        var inBatch = batch.Where(b => b.At < dayStart).OrderByDescending(b => b.At).Select(b => ((DateTimeOffset, decimal)?)(b.At, b.Value)).FirstOrDefault();
        var stored = await db.Quotes.AsNoTracking().Where(q => q.InstrumentId == instrumentId && q.At < dayStart)
            .OrderByDescending(q => q.At).Select(q => new { q.At, q.Value }).FirstOrDefaultAsync();
        if (inBatch is { } b && (stored is null || b.Item1 >= stored.At)) return b.Item2;
        return stored?.Value;
    }
}
