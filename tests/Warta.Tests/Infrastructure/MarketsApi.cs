using System.Net.Http.Json;
using Warta.Web.Newsroom;

namespace Warta.Tests.Infrastructure;

/// <summary>Sets up instruments and posts quotes the way a market-data vendor's script would.</summary>
public static class MarketsApi
{
    /// <summary>LQ45 and EMAS in the ticker; answers a client holding a markets key.</summary>
    public static async Task<HttpClient> TickerInstrumentsAsync(this WartaFactory app)
    {
        var admin = await app.ApiClientAsync();
        (await admin.PutAsJsonAsync("/api/admin/instruments/LQ45", new { label = "LQ45", kind = "index", decimals = 2, unit = "poin", order = 1, inTicker = true })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/admin/instruments/EMAS", new { label = "EMAS", kind = "price", decimals = 0, unit = "Rp/gram", order = 2, inTicker = true })).EnsureSuccessStatusCode();
        return await app.ApiClientAsync(ApiScopes.Markets);
    }

    public static async Task PostQuoteAsync(this HttpClient markets, string symbol, decimal value, DateTimeOffset at, decimal? previousClose = null)
    {
        var response = await markets.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol, value, previousClose, at } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
