using System.Net.Http.Headers;
using System.Net.Http.Json;
using static Microsoft.Playwright.Assertions;

namespace Warta.BrowserTests;

/// <summary>
/// A reader who keeps reading: dozens of pages in one tab, back and forward, then ten tabs at once. The live ticker shares
/// one connection among the tabs, so it never takes the browser's six connections to the site away from the pages.
/// </summary>
[Collection(WartaSiteCollection.Name)]
public sealed class LongSessionTests(WartaSite site)
{
    /// <summary>A page that does not load in this time has waited for a connection; a normal page here takes a fraction of it.</summary>
    const float PageLoadLimitMs = 2000;

    [Fact]
    public async Task A_reader_clicks_through_thirty_pages_in_one_tab_then_keeps_ten_tabs_open_and_every_page_loads_with_live_values()
    {
        await using var context = await site.NewPhoneContextAsync();
        context.SetDefaultNavigationTimeout(PageLoadLimitMs);
        var consoleErrors = new List<string>();

        var page = await context.NewPageAsync();
        Watch(page, consoleErrors);
        await page.GotoAsync("/");
        var visited = new HashSet<string> { "/" };
        for (var click = 1; click <= 30; click++)
        {
            // Story after story (through Terbaru, the cards and Baca Juga), now and then a channel from the menu.
            var selector = click % 6 == 0 ? "nav.channels a[href^='/kanal/']" : "main a[href^='/berita/']";
            var hrefs = await page.Locator(selector).EvaluateAllAsync<string[]>("links => links.filter(a => a.offsetParent !== null).map(a => a.getAttribute('href'))");
            var next = hrefs.FirstOrDefault(h => !visited.Contains(h)) ?? hrefs.First();
            visited.Add(next);
            await page.Locator($"{selector}[href='{next}']").First.ClickAsync();
            await page.WaitForURLAsync("**" + next);
            await Expect(page.Locator(click % 6 == 0 ? "h1.page-title" : "article.story h1")).ToBeVisibleAsync();
            if (click % 10 == 0)
            {
                // Back and forward, as readers do; the back-forward cache may keep the page, the ticker resumes either way.
                await page.GoBackAsync();
                await page.GoForwardAsync();
                await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(next) + "$"));
            }
        }
        await Expect(page.Locator(".ticker.langsung")).ToHaveCountAsync(1);

        var tabs = new List<IPage> { page };
        foreach (var path in visited.Where(p => p != "/").Take(10))
        {
            var tab = await context.NewPageAsync();
            Watch(tab, consoleErrors);
            await tab.GotoAsync(path);
            await Expect(tab.Locator(".ticker .tick").First).ToBeVisibleAsync();
            tabs.Add(tab);
        }
        Assert.Equal(11, tabs.Count);
        // Still room for more: the eleventh page in the first tab loads too.
        await page.GotoAsync("/indikator");

        // Live values reach every open tab through the one shared stream.
        var key = (await site.RunVerbAsync("apikey", "create", "--name", "long session vendor", "--scope", "markets"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Trim();
        using var http = new HttpClient { BaseAddress = site.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var posted = await http.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "IDX30", value = 512.34m, previousClose = 500.00m, at = DateTimeOffset.UtcNow } });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        foreach (var tab in tabs)
            await Expect(tab.Locator(".ticker [data-live-symbol='IDX30'] [data-live=value]")).ToHaveTextAsync("512,34");
        await Expect(page.Locator("table.quotes [data-live-symbol='IDX30'] [data-live=value]")).ToHaveTextAsync("512,34");

        // One tab leads and holds the stream; the ten others wait their turn (the browser's own record of the lock).
        var locks = await page.EvaluateAsync<int[]>(LockState);
        Assert.Equal([1, tabs.Count - 1], locks);

        // When no tab shows a ticker any more (the newsroom's pages have none), nobody leads and no stream is open.
        foreach (var tab in tabs) await tab.GotoAsync("/redaksi/masuk");
        var released = await page.EvaluateAsync<int[]>(LockState);
        Assert.Equal([0, 0], released);
        Assert.Empty(consoleErrors);
    }

    /// <summary>How many tabs hold and wait for the live ticker's lock, as the browser records it.</summary>
    const string LockState = @"async () => {
        const q = await navigator.locks.query();
        const mine = l => l.name === 'warta-indikator-langsung';
        return [q.held.filter(mine).length, q.pending.filter(mine).length];
    }";

    static void Watch(IPage page, List<string> errors)
    {
        page.Console += (_, m) => { if (m.Type == "error") lock (errors) errors.Add(m.Text); };
        page.PageError += (_, e) => { lock (errors) errors.Add(e); };
    }
}
