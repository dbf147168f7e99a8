using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Warta.Tests.Infrastructure;
using Warta.Web.Markets;

namespace Warta.Tests.Markets;

/// <summary>Minute quotes older than the retention period become daily bars; the clock is moved, never waited on.</summary>
public class QuoteReductionTests
{
    static DateTimeOffset Wib(int month, int day, int hour, int minute) => new(2023, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task Old_minutes_are_reduced_to_daily_bars_once_and_new_old_quotes_go_straight_to_bars()
    {
        using var app = new WartaNode(null, new Dictionary<string, string?> { ["Warta:Markets:ReduceInBackground"] = "false" });
        var markets = await app.InstrumentsAsync();
        (await markets.PostAsJsonAsync("/api/markets/quotes", new object[]
        {
            new { symbol = "LQ45", value = 900m, at = Wib(5, 4, 9, 0) },
            new { symbol = "LQ45", value = 912m, at = Wib(5, 4, 11, 0) },
            new { symbol = "LQ45", value = 897m, at = Wib(5, 4, 14, 0) },
            new { symbol = "LQ45", value = 901.40m, at = Wib(5, 4, 15, 59) },
            new { symbol = "LQ45", value = 905m, at = Wib(5, 5, 9, 0) },
        })).EnsureSuccessStatusCode();

        // 31 days on, Thursday 4 May is past the 30-day retention; Friday 5 May is not yet (the cutoff is a WIB midnight).
        // The reduction gets a clock of its own: moving the app's clock a month would fire every other timer of the app
        // hundreds of thousands of times.
        var later = new FakeTimeProvider(Wib(6, 4, 12, 0));
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var reduction = new QuoteReduction(db, later, scope.ServiceProvider.GetRequiredService<MarketsOptions>(), scope.ServiceProvider.GetRequiredService<QuoteIngest>());
        Assert.Equal(4, await reduction.ReduceAsync(CancellationToken.None));    // Thursday's four minutes
        Assert.Equal(0, await reduction.ReduceAsync(CancellationToken.None));    // and nothing the second time

        var id = await db.Instruments.Where(i => i.Symbol == "LQ45").Select(i => i.Id).SingleAsync();
        Assert.Equal([Wib(5, 5, 9, 0).ToUniversalTime()], await db.Quotes.Where(q => q.InstrumentId == id).Select(q => q.At).ToListAsync());
        var thursday = await db.DailyBars.AsNoTracking().SingleAsync(b => b.InstrumentId == id && b.Day == new DateOnly(2023, 5, 4));
        Assert.Equal((900m, 912m, 897m, 901.40m), (thursday.Open, thursday.High, thursday.Low, thursday.Close));
        Assert.Equal(Wib(5, 4, 15, 59).ToUniversalTime(), thursday.CloseAt);

        // A day after Friday's retention ends, it is reduced in turn; running again finds nothing to do.
        later.SetUtcNow(Wib(6, 5, 12, 0));
        Assert.Equal(1, await reduction.ReduceAsync(CancellationToken.None));
        Assert.Equal(0, await db.Quotes.CountAsync(q => q.InstrumentId == id));
        Assert.Equal(0, await reduction.ReduceAsync(CancellationToken.None));
        Assert.Equal(905m, (await db.DailyBars.AsNoTracking().SingleAsync(b => b.InstrumentId == id && b.Day == new DateOnly(2023, 5, 5))).Close);

        // A close for a day long gone goes only to the daily bars.
        (await markets.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "LQ45", value = 880m, at = Wib(3, 1, 16, 0) } })).EnsureSuccessStatusCode();
        Assert.Equal(0, await db.Quotes.CountAsync(q => q.InstrumentId == id));
        Assert.Equal(880m, (await db.DailyBars.AsNoTracking().SingleAsync(b => b.InstrumentId == id && b.Day == new DateOnly(2023, 3, 1))).Close);

        // The page still tells Friday's close against Thursday's, from the bars alone.
        var page = await app.ReaderClient().GetPageAsync("/indikator/lq45?rentang=1b");
        Assert.Equal("905,00", page.Text(".quote-head [data-live=value]"));
        Assert.Equal("3,60", page.Text(".quote-head [data-live=change]"));
    }
}
