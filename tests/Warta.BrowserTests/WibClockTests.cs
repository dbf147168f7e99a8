using static Microsoft.Playwright.Assertions;

namespace Warta.BrowserTests;

/// <summary>Issue 10, item 3: the header's JavaScript clock shows WIB whatever zone the reader's browser is in.</summary>
[Collection(WartaSiteCollection.Name)]
public sealed class WibClockTests(WartaSite site)
{
    [Fact]
    public async Task A_reader_in_New_York_sees_the_header_clock_in_WIB()
    {
        await using var context = await site.NewPhoneContextAsync(timezoneId: "America/New_York");
        // Friday 5 May 2023, 18:05 UTC: 14:05 in New York, Saturday 01:05 in Jakarta.
        await context.Clock.SetFixedTimeAsync(new DateTime(2023, 5, 5, 18, 5, 0, DateTimeKind.Utc));
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Equal(14, await page.EvaluateAsync<int>("() => new Date().getHours()"));
        await Expect(page.Locator("#clock-time")).ToHaveTextAsync("01:05 WIB");
    }
}
