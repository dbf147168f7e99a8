using System.Net;
using System.Text.Json;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Discovery.Api;

/// <summary>An app with a public address, one partner origin allowed by CORS and a rate limit out of the way.</summary>
public class ContentApiApp : StaffFactory
{
    public const string BaseUrl = "https://www.warta.test";
    public const string PartnerOrigin = "https://mitra.example";

    public ContentApiApp() : this("100000")
    {
    }

    protected ContentApiApp(string requestsPerMinute) : base(new Dictionary<string, string?>
    {
        ["Warta:Site:BaseUrl"] = BaseUrl,
        ["Warta:ContentApi:CorsOrigins:0"] = PartnerOrigin,
        ["Warta:ContentApi:RequestsPerMinute"] = requestsPerMinute,
        // The subscriber in the paywall test registers through the page, which counts as a request that sends mail.
        ["Warta:Readers:MailRequestsPerIpPerHour"] = "100000",
        ["Warta:Readers:MailsPerAddressPerHour"] = "100000",
    })
    {
    }
}

/// <summary>The same with a limit of three requests a minute per client.</summary>
public sealed class LimitedContentApiApp() : ContentApiApp(LimitedContentApiApp.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))
{
    public const int Limit = 3;
}

public static class ContentApi
{
    public static async Task<JsonElement> JsonAsync(this HttpClient client, string url, int expectedStatus = 200)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"GET {url}: expected {expectedStatus}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The slugs of every story of <paramref name="url"/> from <paramref name="cursor"/> (or the first page) on, following nextCursor to the end.</summary>
    public static async Task<List<string>> SlugsAsync(this HttpClient client, string url, string? cursor = null)
    {
        var slugs = new List<string>();
        do
        {
            var page = await client.JsonAsync(cursor is null ? url : url + "&cursor=" + Uri.EscapeDataString(cursor));
            slugs.AddRange(Slugs(page));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        return slugs;
    }

    public static List<string> Slugs(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!).ToList();

    public static async Task<JsonElement> BadRequestAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"GET {url}: expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
