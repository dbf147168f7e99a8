using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Warta.Tests.Discovery.Api;

public class ContentApiRateLimitTests(LimitedContentApiApp app) : IClassFixture<LimitedContentApiApp>
{
    [Fact]
    public async Task A_client_past_its_limit_gets_429_with_retry_after_and_a_key_holder_has_a_limit_of_its_own()
    {
        var anonymous = app.CreateClient();
        for (var i = 0; i < LimitedContentApiApp.Limit; i++)
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/content/channels")).StatusCode);

        var refused = await anonymous.GetAsync("/api/content/tags");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"Too many requests: at most {LimitedContentApiApp.Limit} a minute per client. Try again in {(int)retryAfter.TotalSeconds} seconds.",
            JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());

        // A made-up key is no way around the limit: it counts against the address it came from.
        var pretender = app.CreateClient();
        pretender.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wk_bukan-kunci-yang-sah-sama-sekali");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await pretender.GetAsync("/api/content/channels")).StatusCode);

        var partner = app.CreateClient();
        partner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateKeyAsync());
        for (var i = 0; i < LimitedContentApiApp.Limit; i++)
            Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync("/api/content/channels")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await partner.GetAsync("/api/content/channels")).StatusCode);
    }
}
