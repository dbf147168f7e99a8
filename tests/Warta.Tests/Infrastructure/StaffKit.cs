using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Warta.Web.Data;

namespace Warta.Tests.Infrastructure;

/// <summary>An app for staff tests: sign-in attempts are not rate limited (a test class signs in many times from one address).</summary>
public class StaffFactory : WartaFactory
{
    public StaffFactory() : this(new Dictionary<string, string?>())
    {
    }

    protected StaffFactory(IDictionary<string, string?> settings)
        : base(null, new Dictionary<string, string?>(settings) { ["Warta:Staff:LoginAttemptsPerMinute"] = "100000" })
    {
    }
}

/// <summary>The same, with two-factor sign-in required for admins.</summary>
public sealed class AdminTwoFactorFactory() : StaffFactory(new Dictionary<string, string?> { ["Warta:Staff:RequireAdminTwoFactor"] = "true" });

/// <summary>Drives the newsroom's pages as a person in a browser would: forms with their antiforgery tokens, cookies kept.</summary>
public static partial class StaffKit
{
    public const string Password = "kata-sandi-yang-panjang";
    static readonly HtmlParser Parser = new();

    public static async Task<StaffUser> AddStaffAsync(this WartaFactory app, string email, string role, string password = Password, string? name = null)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DemoSeeder>().AddUserAsync(email, name ?? email.Split('@')[0], role, password);
    }

    public static HttpClient Browser(this WartaFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the sign-in page; fails the test unless it was accepted.</summary>
    public static async Task<HttpClient> SignedInAsync(this WartaFactory app, string email, string password = Password)
    {
        var browser = app.Browser();
        var response = await browser.SubmitAsync("/redaksi/masuk", new() { ["Email"] = email, ["Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {email} answered {(int)response.StatusCode}");
        Assert.Equal("/redaksi", response.Headers.Location!.OriginalString);
        return browser;
    }

    /// <summary>Opens <paramref name="page"/>, takes the antiforgery token of its form and posts <paramref name="fields"/> to <paramref name="action"/> (default: the page itself).</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient browser, string page, Dictionary<string, string> fields, string? action = null)
    {
        var html = await browser.GetStringAsync(page);
        var token = TokenField().Match(html);
        Assert.True(token.Success, $"{page} has no form with an antiforgery token");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await browser.PostAsync(action ?? page, new FormUrlEncodedContent(form));
    }

    public static async Task<IHtmlDocument> DocumentAsync(this HttpResponseMessage response, int expectedStatus = 200)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"expected {expectedStatus}, got {(int)response.StatusCode}\n{body[..Math.Min(body.Length, 3000)]}");
        return Parser.ParseDocument(body);
    }

    /// <summary>The status a signed-in staff member gets for a GET of <paramref name="path"/> (redirects not followed).</summary>
    public static async Task<HttpStatusCode> StatusOfAsync(this HttpClient browser, string path) => (await browser.GetAsync(path)).StatusCode;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
