using Warta.Tests.Infrastructure;
using Warta.Web.Content.Paywall;

namespace Warta.Tests.Paywall;

/// <summary>An app whose clock starts ten minutes before June begins in WIB (a long jump would run every background timer through it).</summary>
public sealed class MonthEndFactory : PaywallFactory
{
    public MonthEndFactory()
    {
        Clock.SetUtcNow(new DateTimeOffset(2023, 5, 31, 16, 50, 0, TimeSpan.Zero));
    }
}

/// <summary>The meter counts calendar months in WIB: at midnight WIB on the first, every reader's allowance starts again.</summary>
public class MeterRolloverTests(MonthEndFactory app) : IClassFixture<MonthEndFactory>
{
    [Fact]
    public async Task The_meter_starts_again_at_midnight_wib_on_the_first_of_the_month()
    {
        var stories = await app.PremiumStoriesAsync(5, "Pergantian bulan");
        // The app starts at 31 May 23:50 WIB, still May; ten minutes later it is June, while UTC is still 31 May.
        var browser = app.Anonymous();
        var reader = (await app.ReaderAsync($"bulan-{Guid.NewGuid():N}@pembaca.test")).Browser;
        await browser.UseUpAsync(stories.Take(2));
        await reader.UseUpAsync(stories.Take(2));
        Assert.False(await browser.ReadsWholeAsync(stories[2]));
        Assert.False(await reader.ReadsWholeAsync(stories[2]));

        app.Clock.SetUtcNow(new DateTimeOffset(2023, 5, 31, 17, 0, 0, TimeSpan.Zero));
        Assert.Equal("2023-06", Allowances.MonthOf(app.Clock.GetUtcNow()));
        Assert.True(await browser.ReadsWholeAsync(stories[2]));
        Assert.True(await reader.ReadsWholeAsync(stories[2]));
        Assert.True(await browser.ReadsWholeAsync(stories[3]));
        Assert.False(await browser.ReadsWholeAsync(stories[4]));
    }
}
