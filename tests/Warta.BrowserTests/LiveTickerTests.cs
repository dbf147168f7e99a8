using System.Net.Http.Headers;
using System.Net.Http.Json;
using static Microsoft.Playwright.Assertions;

namespace Warta.BrowserTests;

/// <summary>The header's INDIKATOR ticker moves in an open page when a quote arrives, without a reload.</summary>
[Collection(WartaSiteCollection.Name)]
public sealed class LiveTickerTests(WartaSite site)
{
    [Fact]
    public async Task A_quote_posted_through_the_API_shows_in_the_open_pages_header_ticker()
    {
        var key = (await site.RunVerbAsync("apikey", "create", "--name", "browser test vendor", "--scope", "markets"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Trim();

        await using var context = await site.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var lq45 = page.Locator(".ticker [data-live-symbol=\"LQ45\"]");
        await Expect(lq45.Locator("[data-live=value]")).ToBeVisibleAsync();
        // The ticker is marked live once the stream has delivered its first state.
        await Expect(page.Locator(".ticker.langsung")).ToHaveCountAsync(1);

        using var http = new HttpClient { BaseAddress = site.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await http.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "LQ45", value = 987.65m, previousClose = 950.00m, at = DateTimeOffset.UtcNow } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        await Expect(lq45.Locator("[data-live=value]")).ToHaveTextAsync("987,65");
        await Expect(lq45).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bnaik\\b"));
        await Expect(lq45.Locator("[data-live=arrow]")).ToHaveTextAsync("▲");
    }
}
