using System.Net;
using System.Net.Http.Json;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Security;

/// <summary>Issue 8, item 7 (and the promo URL of item 9): malformed requests get a 4xx or a safe redirect, and every response carries the security headers.</summary>
public class ErrorResponseTests(ErrorResponseTests.ProbeFactory app) : IClassFixture<ErrorResponseTests.ProbeFactory>
{
    public sealed class ProbeFactory() : WartaFactory(null, new Dictionary<string, string?> { ["Warta:Diagnostics:FailureProbe"] = "true" });

    static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("/\\/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\tevil")]
    [InlineData("/a\r\nSet-Cookie: x=1")]
    [InlineData("https://evil.example/")]
    public async Task Closing_a_promo_with_a_return_path_off_the_site_goes_home(string kembali)
    {
        var reader = app.ReaderClient();
        var response = await reader.PostAsync("/promo/tutup/top", new FormUrlEncodedContent(new Dictionary<string, string> { ["kembali"] = kembali }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Closing_a_promo_without_a_form_body_is_a_400()
    {
        var response = await app.ReaderClient().PostAsync("/promo/tutup/top", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_server_error_keeps_every_security_header_and_tells_nothing()
    {
        var page = await app.ReaderClient().GetAsync("/galat/uji");
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        AssertSecurityHeaders(page);
        Assert.DoesNotContain("internal detail", await page.Content.ReadAsStringAsync());
        var api = await app.ReaderClient().GetAsync("/api/galat/uji");
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        AssertSecurityHeaders(api);
    }

    [Fact]
    public async Task Not_found_and_refusals_keep_the_security_headers_and_no_server_name()
    {
        var missing = await app.ReaderClient().GetAsync("/berita/tidak-ada-sama-sekali");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        AssertSecurityHeaders(missing);
        var unauthorized = await app.ReaderClient().PostAsJsonAsync("/api/admin/articles", new { title = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        AssertSecurityHeaders(unauthorized);
    }

    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\tevil")]
    public async Task A_promo_url_that_browsers_read_as_another_site_is_refused(string url)
    {
        var api = await app.ApiClientAsync();
        var problem = await (await api.PutAsJsonAsync("/api/admin/promos/top", new { html = "Langganan", url })).ProblemAsync();
        Assert.Equal(["url"], problem.ErrorFields());
    }
}
