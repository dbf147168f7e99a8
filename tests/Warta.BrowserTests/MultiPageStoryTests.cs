using static Microsoft.Playwright.Assertions;

namespace Warta.BrowserTests;

/// <summary>A long story is split over pages: "Halaman 1 2 3".</summary>
[Collection(WartaSiteCollection.Name)]
public sealed class MultiPageStoryTests(WartaSite site)
{
    [Fact]
    public async Task The_pager_leads_to_page_two_which_continues_the_story_without_a_second_dateline()
    {
        var path = await Stories.FindAsync(site, html => html.Contains("class=\"pager\"", StringComparison.Ordinal));
        Assert.True(path is not null, "no story split over pages found among the demo stories");

        await using var context = await site.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);

        var pager = page.Locator(".story nav.pager");
        await Expect(pager).ToContainTextAsync("Halaman");
        await Expect(pager.Locator(".current")).ToHaveTextAsync("1");
        await Expect(page.Locator(".story .body strong.dateline")).ToHaveCountAsync(1);
        var firstPage = await page.Locator(".story .body").InnerTextAsync();
        var headline = await page.Locator(".story h1").InnerTextAsync();

        await pager.Locator("a", new() { HasTextString = "2" }).First.TapAsync();
        await page.WaitForURLAsync(url => url.Contains("halaman=2", StringComparison.Ordinal));

        await Expect(page.Locator(".story h1")).ToHaveTextAsync(headline);
        await Expect(page.Locator(".story nav.pager .current")).ToHaveTextAsync("2");
        await Expect(page.Locator(".story .body strong.dateline")).ToHaveCountAsync(0);
        var secondPage = await page.Locator(".story .body").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(secondPage), "page 2 of the story is empty");
        Assert.NotEqual(firstPage, secondPage);
        var firstParagraph = await page.Locator(".story .body > p:not(.baca-juga)").First.InnerTextAsync();
        Assert.DoesNotContain(firstParagraph.Trim(), firstPage, StringComparison.Ordinal);

        await PhoneReadingTests.AssertNoSidewaysScrollingAsync(page);
        if (await page.Locator(".story .body .baca-juga").CountAsync() > 0)
            await PhoneReadingTests.AssertBacaJugaSitsBetweenParagraphsAsync(page, atLeast: 1);

        // And back to page 1 through the pager.
        await page.Locator(".story nav.pager a", new() { HasTextString = "1" }).First.TapAsync();
        await Expect(page.Locator(".story .body strong.dateline")).ToHaveCountAsync(1);
    }
}
