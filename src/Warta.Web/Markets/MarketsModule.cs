using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts;

namespace Warta.Web.Markets;

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

    public static IServiceCollection AddMarkets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton((configuration.GetSection("Warta:Markets").Get<MarketsOptions>() ?? new MarketsOptions()).Validated());
        services.AddSingleton<TickerService>();
        services.AddSingleton<KeptBlock, TickerBlock>();
        services.AddScoped<QuoteIngest>();
        services.AddScoped<InstrumentEditor>();
        services.AddScoped<MarketData>();
        services.AddScoped<QuoteReduction>();
        services.AddScoped<Redaksi.HeldQuoteDecisions>();
        services.AddHostedService<QuoteReductionService>();
        Live.LiveTicker.AddLiveTicker(services);
        Feeds.FeedRegistration.AddQuoteFeeds(services);
        return services;
    }

    public static void MapMarkets(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/instruments").RequireAuthorization(ApiAuth.NewsroomPolicy).RequireRateLimiting("api").WithTags("Markets");
        admin.MapPut("/{**symbol}", PutInstrument).WithName("PutInstrument").ReadsJson<InstrumentInput>();
        admin.MapGet("/", async (WartaDb db) =>
            TypedResults.Ok((await db.Instruments.AsNoTracking().OrderBy(i => i.Order).ThenBy(i => i.Symbol).ToListAsync()).Select(InstrumentEditor.Describe).ToList()))
            .WithName("ListInstruments");

        app.MapPost("/api/markets/quotes", PostQuotes).RequireAuthorization(ApiAuth.QuotesPolicy).RequireRateLimiting("api").WithTags("Markets").WithName("PostQuotes").ReadsJson<List<QuoteInput>>()
            .WithDescription("A batch of quotes as JSON, or as CSV (text/csv) with the header symbol,value,time[,previous_close]; all or nothing.");
        app.MapGet("/api/markets/ticker", async (TickerService ticker) => TypedResults.Ok(await ticker.CurrentAsync())).WithTags("Markets").WithName("GetTicker");
        Live.LiveTicker.MapLiveTicker(app);
    }

    public static string? NormalizeSymbol(string? raw)
    {
        var symbol = Uri.UnescapeDataString(raw ?? "").Trim().ToUpperInvariant();
        return SymbolPattern().IsMatch(symbol) ? symbol : null;
    }

    static async Task<Results<Created<InstrumentBody>, Ok<InstrumentBody>, ValidationProblem>> PutInstrument(string symbol, HttpRequest request, InstrumentEditor editor)
    {
        var (input, problem) = await JsonInput.ReadAsync<InstrumentInput>(request);
        if (problem is not null) return problem;
        var (saved, created, errors) = await editor.SaveAsync(symbol, input!, request.HttpContext.RequestAborted);
        if (saved is null) return errors.Problem(request);
        var body = InstrumentEditor.Describe(saved);
        return created ? TypedResults.Created($"/api/admin/instruments/{saved.Symbol}", body) : TypedResults.Ok(body);
    }

    static async Task<Results<Ok<QuotesAccepted>, ValidationProblem>> PostQuotes(HttpRequest request, QuoteIngest ingest)
    {
        if (QuoteCsv.IsCsv(request.ContentType))
        {
            var (rows, lines, csvErrors) = await QuoteCsv.ReadAsync(request.BodyReader, QuoteIngest.MaxBatch, request.HttpContext.RequestAborted);
            string Line(int row) => QuoteCsv.LineName(lines, row);
            if (csvErrors.Count > 0) return QuoteIngest.ToResult(request, QuoteIngestReport.Refused(csvErrors), Line, QuoteCsv.ColumnName);
            return QuoteIngest.ToResult(request, await ingest.IngestAsync(rows, request.HttpContext.RequestAborted), Line, QuoteCsv.ColumnName);
        }
        var (input, problem) = await JsonInput.ReadAsync<List<QuoteInput>>(request);
        if (problem is not null) return problem;
        var report = await ingest.IngestAsync(input!, request.HttpContext.RequestAborted);
        return QuoteIngest.ToResult(request, report, row => $"[{row}]");
    }
}

