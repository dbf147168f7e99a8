namespace Warta.BrowserTests;

/// <summary>Phone screenshots for people to look at (not compared by the tests): TestResults/screens next to the test binaries.</summary>
static class Screens
{
    const int MaxPieces = 20;

    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screens");

    /// <summary>The first screen as the reader sees it, then the page screen by screen, then the whole page in one image.</summary>
    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png") });

        // The pieces and the full page leave out the popup promo, which would otherwise cover the bottom of every piece.
        // Through the CSSOM: the site's Content-Security-Policy (rightly) refuses the stylesheet Playwright's Style option injects.
        await page.EvaluateAsync("() => document.getElementById('promo-popup')?.style.setProperty('display', 'none', 'important')");
        var viewport = page.ViewportSize!;
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        for (int top = 0, piece = 1; top < height && piece <= MaxPieces; top += viewport.Height, piece++)
        {
            await page.EvaluateAsync("y => window.scrollTo(0, y)", top);
            await ImagesOnScreenLoadedAsync(page);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{name}-{piece:00}.png") });
        }
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + "-full.png"), FullPage = true });
        await page.EvaluateAsync("() => document.getElementById('promo-popup')?.style.removeProperty('display')");
    }

    /// <summary>Lazy images start loading when scrolled to; give them a bounded moment so the pictures are in the shot.</summary>
    static async Task ImagesOnScreenLoadedAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("""
                () => [...document.images].every(i => {
                  const r = i.getBoundingClientRect();
                  return r.bottom < 0 || r.top > window.innerHeight || (i.complete && i.naturalWidth > 0);
                })
                """, null, new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            // A missing picture shows in the screenshot, which is what a person looking at it needs to see.
        }
    }
}
