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
        return services;
    }

    public static void MapMarkets(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/instruments").RequireAuthorization(ApiAuth.NewsroomPolicy).RequireRateLimiting("api");
        admin.MapPut("/{**symbol}", PutInstrument);
        admin.MapGet("/", async (WartaDb db) => TypedResults.Ok(await db.Instruments.AsNoTracking().OrderBy(i => i.Order).ToListAsync()));

        app.MapPost("/api/markets/quotes", PostQuotes).RequireAuthorization(ApiAuth.QuotesPolicy).RequireRateLimiting("api");
        app.MapGet("/api/markets/ticker", async (TickerService ticker) => TypedResults.Ok(await ticker.CurrentAsync()));
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
        var report = await ingest.IngestAsync(input!, request.HttpContext.RequestAborted);
        return QuoteIngest.ToResult(report, row => $"[{row}]");
    }
}

