using System.Text.Json;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Paywall;

/// <summary>
/// Issue 12, item 3, the gating matrix: every kind of reader × a free and a premium story × every channel that shows story
/// text today (the article page with its description, social cards and structured data, another story's Baca Juga, the
/// popup and the rest of the page chrome). A marker paragraph deep in the body appears only where the reader is entitled.
/// </summary>
public class GatingMatrixTests(PaywallFactory app) : IClassFixture<PaywallFactory>
{
    public static TheoryData<string, bool> Matrix()
    {
        var data = new TheoryData<string, bool>();
        foreach (var persona in new[] { "anonymous", "metered", "registered", "subscriber", "expired", "gift", "staff" })
            foreach (var premium in new[] { false, true })
                data.Add(persona, premium);
        return data;
    }

    /// <summary>A browser for <paramref name="persona"/>, and the address it opens the story by.</summary>
    async Task<(HttpClient Browser, string Url)> PersonaAsync(string persona, Story story)
    {
        var email = $"{persona}-{Guid.NewGuid():N}@pembaca.test";
        switch (persona)
        {
            case "anonymous":
            {
                var browser = app.Anonymous();
                await browser.UseUpAsync(await app.PremiumStoriesAsync(PaywallFactory.MeterAnonymous, "Kuota anonim"));
                return (browser, story.Url);
            }
            case "metered":
                return (app.Anonymous(), story.Url);
            case "registered":
            {
                var (browser, _) = await app.ReaderAsync(email);
                await browser.UseUpAsync(await app.PremiumStoriesAsync(PaywallFactory.MeterRegistered, "Kuota terdaftar"));
                return (browser, story.Url);
            }
            case "subscriber":
                return ((await app.SubscriberAsync(email)).Browser, story.Url);
            case "expired":
            {
                var (browser, id) = await app.ReaderAsync(email);
                await app.SubscribeAsync(id, startDays: -40, endDays: -10);
                await browser.UseUpAsync(await app.PremiumStoriesAsync(PaywallFactory.MeterRegistered, "Kuota kedaluwarsa"));
                return (browser, story.Url);
            }
            case "gift":
            {
                var browser = app.Anonymous();
                await browser.UseUpAsync(await app.PremiumStoriesAsync(PaywallFactory.MeterAnonymous, "Kuota hadiah"));
                var (giver, _) = await app.SubscriberAsync(email);
                // Only premium stories can be given; a free one is read whole by the same reader on its own address.
                if (await giver.GiftAsync(story.Id) is { Path: { } path }) return (browser, path);
                return (browser, story.Url);
            }
            case "staff":
                return ((await app.StaffAsync(Warta.Web.Accounts.Staff.StaffRoles.Writer)).Http, story.Url);
        }
        throw new ArgumentOutOfRangeException(nameof(persona));
    }

    static bool Entitled(string persona, bool premium) => !premium || persona is "metered" or "subscriber" or "gift" or "staff";

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task The_marker_deep_in_a_story_reaches_a_reader_on_any_channel_only_when_they_are_entitled(string persona, bool premium)
    {
        var story = await app.StoryAsync($"Matriks {persona} {(premium ? "premium" : "gratis")}", premium);
        var neighbour = await app.StoryAsync($"Tetangga {persona} {(premium ? "premium" : "gratis")}", premium: false, related: [story.Id]);
        var (browser, url) = await PersonaAsync(persona, story);
        var entitled = Entitled(persona, premium);

        // The article page: body, head and every block of the chrome (the popup included) in one document.
        var html = await browser.HtmlAsync(url);
        Assert.Equal(entitled, html.Contains(story.Marker, StringComparison.Ordinal));
        Assert.Equal(!entitled, html.Contains("id=\"paywall\"", StringComparison.Ordinal));
        var page = PaywallKit.Parse(html);
        Assert.Contains("Paragraf 3 dari", page.QuerySelector(".story .body")!.TextContent);
        Assert.Equal(entitled, page.QuerySelector(".story .body")!.TextContent.Contains("Paragraf 8 dari"));
        if (premium && entitled)
        {
            // The paid part is paragraphs 4 to 8, each marked for the structured data's cssSelector.
            var paid = page.QuerySelectorAll(".story .body > p.paywalled").Select(p => p.TextContent).ToList();
            Assert.Equal(5, paid.Count);
            Assert.Contains(story.Marker, paid[3]);
        }
        if (!premium) Assert.Null(page.QuerySelector(".paywalled"));

        // Social cards and the description carry the summary, never body text past the free part.
        foreach (var meta in new[] { "meta[name=description]", "meta[property='og:description']", "meta[name='twitter:description']" })
        {
            var content = page.QuerySelector(meta)?.GetAttribute("content");
            Assert.Equal("Ringkasan " + $"Matriks {persona} {(premium ? "premium" : "gratis")}", content);
        }

        // Structured data: a NewsArticle that says whether it is free and, for premium, where the paid part is.
        var ld = page.QuerySelector("script[type='application/ld+json']")!.TextContent;
        Assert.DoesNotContain(story.Marker, ld);
        var json = JsonDocument.Parse(ld).RootElement;
        Assert.Equal("NewsArticle", json.GetProperty("@type").GetString());
        Assert.Equal(!premium, json.GetProperty("isAccessibleForFree").GetBoolean());
        Assert.Equal(premium, json.TryGetProperty("hasPart", out var part));
        if (premium)
        {
            Assert.Equal("WebPageElement", part.GetProperty("@type").GetString());
            Assert.False(part.GetProperty("isAccessibleForFree").GetBoolean());
            Assert.Equal(".paywalled", part.GetProperty("cssSelector").GetString());
        }

        // Baca Juga on another story names this one by its headline only.
        var other = await browser.HtmlAsync(neighbour.Url);
        Assert.Contains(story.Url, PaywallKit.Parse(other).QuerySelector(".baca-juga a")!.GetAttribute("href"));
        Assert.DoesNotContain(story.Marker, other);
    }

    [Fact]
    public async Task A_free_story_is_never_cut_and_never_counted_and_sets_no_meter_cookie()
    {
        var story = await app.StoryAsync("Berita gratis tanpa meteran", premium: false);
        var browser = app.Anonymous();
        for (var i = 0; i < PaywallFactory.MeterAnonymous + 2; i++)
        {
            var response = await browser.GetAsync(story.Url);
            Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("warta_meter=")));
            Assert.Contains(story.Marker, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_gift_link_holder_gets_the_cut_on_the_story_s_own_address()
    {
        var story = await app.StoryAsync("Hadiah hanya lewat tautan", premium: true);
        var (browser, url) = await PersonaAsync("gift", story);
        Assert.True(await browser.ReadsWholeAsync(story, url));
        Assert.False(await browser.ReadsWholeAsync(story));
    }

    [Fact]
    public async Task A_preview_link_shows_a_premium_draft_whole_only_to_signed_in_staff()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        var draft = NewsroomApi.Story("Draf premium untuk pratinjau", status: "draft");
        draft["premium"] = true;
        draft["body"] = string.Concat(Enumerable.Range(1, 8).Select(i => i == 7 ? "<p>PRATINJAU-RAHASIA-7.</p>" : $"<p>Paragraf {i}.</p>"));
        var saved = await api.PublishAsync(draft);
        var token = Warta.Web.Content.PreviewLink.NewToken();
        var now = app.Clock.GetUtcNow();
        await app.InDbAsync(async db =>
        {
            db.PreviewLinks.Add(new Warta.Web.Content.PreviewLink
            {
                Id = Guid.CreateVersion7(), ArticleId = saved.Id, TokenHash = Warta.Web.Content.PreviewLink.Hash(token), CreatedByName = "Uji", CreatedAt = now, ExpiresAt = now.AddHours(1),
            });
            return await db.SaveChangesAsync();
        });
        var link = Warta.Web.Content.PreviewLink.UrlOf(token);

        var anonymous = await app.Anonymous().HtmlAsync(link);
        Assert.DoesNotContain("PRATINJAU-RAHASIA-7", anonymous);
        Assert.Contains("Paragraf 3.", anonymous);
        var subscriber = await (await app.SubscriberAsync($"pratinjau-{Guid.NewGuid():N}@pembaca.test")).Browser.HtmlAsync(link);
        Assert.DoesNotContain("PRATINJAU-RAHASIA-7", subscriber);
        var staff = await app.StaffAsync(Warta.Web.Accounts.Staff.StaffRoles.Editor);
        Assert.Contains("PRATINJAU-RAHASIA-7", await staff.Http.HtmlAsync(link));
        Assert.Contains("PRATINJAU-RAHASIA-7", await staff.Http.HtmlAsync(Warta.Web.Content.PreviewLink.StaffUrlOf(saved.Id)));
    }
}
