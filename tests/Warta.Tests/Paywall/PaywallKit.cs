using Warta.Tests.Accounts;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Commerce;
using Warta.Web.Content.Paywall;

namespace Warta.Tests.Paywall;

/// <summary>An app with the paywall's defaults except a smaller registered meter and gift allowance, so a test can use them up quickly.</summary>
public class PaywallFactory : StaffFactory
{
    public const int MeterAnonymous = 2;
    public const int MeterRegistered = 2;
    public const int GiftLinksPerMonth = 2;

    public PaywallFactory() : base(new Dictionary<string, string?>
    {
        ["Warta:Paywall:MeterRegistered"] = MeterRegistered.ToString(),
        ["Warta:Paywall:GiftLinksPerMonth"] = GiftLinksPerMonth.ToString(),
        // Every test reader registers through the page, which counts as a request that sends mail.
        ["Warta:Readers:MailRequestsPerIpPerHour"] = "100000",
        ["Warta:Readers:MailsPerAddressPerHour"] = "100000",
    })
    {
    }
}

public sealed record Story(Guid Id, string Slug, string Marker)
{
    public string Url => "/berita/" + Slug;
}

/// <summary>Stories with a marker paragraph deep in the body, readers of each kind, and what a page shows of the marker.</summary>
public static class PaywallKit
{
    const string Password = "kata-sandi-pembaca-1";

    /// <summary>Eight paragraphs, the marker in the seventh: well past the free three.</summary>
    public static async Task<Story> StoryAsync(this WartaFactory app, string title, bool premium, IEnumerable<Guid>? related = null)
    {
        var marker = "PENANDA-" + Guid.NewGuid().ToString("N")[..12];
        var story = NewsroomApi.Story(title);
        story["premium"] = premium;
        story["body"] = string.Concat(Enumerable.Range(1, 8).Select(i => i == 7 ? $"<p>Rahasia berbayar {marker}.</p>" : $"<p>Paragraf {i} dari {title}.</p>"));
        if (related is not null) story["related"] = related.ToArray();
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        var saved = await api.PublishAsync(story);
        return new Story(saved.Id, saved.Slug, marker);
    }

    public static async Task<List<Story>> PremiumStoriesAsync(this WartaFactory app, int count, string prefix)
    {
        var stories = new List<Story>();
        for (var i = 0; i < count; i++) stories.Add(await app.StoryAsync($"{prefix} premium nomor {i + 1}", premium: true));
        return stories;
    }

    /// <summary>A new reader, registered and signed in through the pages, with the browser holding their cookie.</summary>
    public static async Task<(HttpClient Browser, Guid Id)> ReaderAsync(this WartaFactory app, string email)
    {
        var browser = await app.RegisteredReaderAsync(email, "Pembaca Uji");
        var id = await app.InDbAsync(db => db.Readers.Where(r => r.Email == email).Select(r => r.Id).SingleAsync());
        return (browser, id);
    }

    /// <summary>A subscription period for the reader, from <paramref name="startDays"/> to <paramref name="endDays"/> days from the app's now.</summary>
    public static async Task SubscribeAsync(this WartaFactory app, Guid readerId, int startDays = -1, int endDays = 30)
    {
        var now = app.Clock.GetUtcNow();
        await app.InDbAsync(async db =>
        {
            db.Subscriptions.Add(new Subscription
            {
                ReaderId = readerId, PlanName = "Premium Bulanan", StartsAt = now.AddDays(startDays), EndsAt = now.AddDays(endDays), Source = "test", CreatedAt = now,
            });
            return await db.SaveChangesAsync();
        });
    }

    public static async Task<(HttpClient Browser, Guid Id)> SubscriberAsync(this WartaFactory app, string email)
    {
        var reader = await app.ReaderAsync(email);
        await app.SubscribeAsync(reader.Id);
        return reader;
    }

    public static HttpClient Anonymous(this WartaFactory app) => app.Browser();

    /// <summary>Reads each story in turn (the meter counts them), failing unless each came whole.</summary>
    public static async Task UseUpAsync(this HttpClient browser, IEnumerable<Story> stories)
    {
        foreach (var story in stories) Assert.True(await browser.ReadsWholeAsync(story), $"{story.Url} should have opened on the meter");
    }

    public static async Task<string> HtmlAsync(this HttpClient browser, string url)
    {
        var response = await browser.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        return html;
    }

    /// <summary>True when the page has the marker and no subscribe box; false when it has the box and no marker. Anything else fails.</summary>
    public static async Task<bool> ReadsWholeAsync(this HttpClient browser, Story story, string? url = null)
    {
        var html = await browser.HtmlAsync(url ?? story.Url);
        var whole = html.Contains(story.Marker, StringComparison.Ordinal);
        var box = html.Contains("id=\"paywall\"", StringComparison.Ordinal);
        Assert.True(whole != box, $"{url ?? story.Url}: marker {whole}, subscribe box {box}");
        return whole;
    }

    public static async Task<int> MeterUsedAsync(this WartaFactory app, string key) =>
        await app.InDbAsync(db => db.PaywallAllowances.Where(a => a.Key == key).SumAsync(a => a.Used));

    public static IHtmlDocument Parse(string html) => new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
}

public static class GiftKit
{
    /// <summary>A page of the reader's own with a form, whose antiforgery token the gift forms accept (same user, same policy).</summary>
    public const string FormPage = "/akun";

    /// <summary>Makes a gift link through the subscriber's page; returns its path, or null with the page's refusal.</summary>
    public static async Task<(string? Path, HttpResponseMessage Response)> GiftAsync(this HttpClient subscriber, Guid storyId)
    {
        var response = await subscriber.SubmitAsync(FormPage, new() { ["berita"] = storyId.ToString() }, action: "/akun/hadiah?handler=Create");
        var page = PaywallKit.Parse(await response.Content.ReadAsStringAsync());
        var link = page.QuerySelector("#gift-link")?.GetAttribute("value");
        return (link is null ? null : new Uri(link).AbsolutePath, response);
    }
}
