using static Microsoft.Playwright.Assertions;

namespace Warta.BrowserTests;

[Collection(WartaSiteCollection.Name)]
public sealed class NotFoundTests(WartaSite site)
{
    [Fact]
    public async Task A_missing_story_gives_a_friendly_indonesian_404_page_without_internals()
    {
        await using var context = await site.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/berita/tidak-ada");

        Assert.NotNull(response);
        Assert.Equal(404, response.Status);
        await Expect(page.Locator("h1")).ToContainTextAsync("Halaman tidak ditemukan");
        await Expect(page.Locator("main a[href='/']").First).ToBeVisibleAsync();
        await Expect(page.Locator(".site-header .brand")).ToBeVisibleAsync();

        var text = await page.Locator("body").InnerTextAsync();
        foreach (var internals in new[] { "Exception", "StackTrace", "   at ", "Warta.Web.", "Microsoft.AspNetCore", ".cs:line" })
            Assert.DoesNotContain(internals, text, StringComparison.Ordinal);
        await PhoneReadingTests.AssertNoSidewaysScrollingAsync(page);
    }
}
