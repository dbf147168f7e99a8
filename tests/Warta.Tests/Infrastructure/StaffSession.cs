using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Warta.Web.Data;

namespace Warta.Tests.Infrastructure;

/// <summary>A browser-like client signed in to the newsroom, posting forms with their antiforgery token as a browser would.</summary>
public static partial class StaffSession
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public static async Task<HttpClient> SignedInAsync(this WartaFactory app, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@warta.local";
        const string password = "kata-sandi-panjang-sekali";
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().AddUserAsync(email, "Staf " + role, role, password);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostFormAsync("/redaksi/masuk", new() { ["Email"] = email, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>GETs <paramref name="formPage"/> for its antiforgery token, then posts <paramref name="fields"/> to <paramref name="url"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? url.Split('?')[0]);
        var token = TokenField().Match(page);
        Assert.True(token.Success, $"No antiforgery token on {formPage ?? url}");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    public static async Task<IHtmlDocument> FollowAsync(this HttpClient client, HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        return await client.GetPageAsync(redirect.Headers.Location!.OriginalString);
    }
}
