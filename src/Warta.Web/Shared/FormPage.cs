using Microsoft.AspNetCore.Mvc.RazorPages;
using Warta.Web.Shared;

namespace Warta.Web.Shared;

/// <summary>What every staff form page shows after a post: a notice when it saved, the errors (and a 400) when it did not.</summary>
public abstract class FormPage : PageModel
{
    public string? Notice { get; protected set; }

    /// <summary>Records the outcome of a save: nothing was saved when <paramref name="errors"/> has any, and the page lists them.</summary>
    protected void Outcome(Errors errors, string notice)
    {
        errors.ShowOn(ModelState);
        if (errors.Any) Response.StatusCode = StatusCodes.Status400BadRequest;
        else Notice = notice;
    }

    protected static int? ParseInt(Errors errors, string field, string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (int.TryParse(value.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)) return n;
        errors.Add(field, $"{field} is not a whole number.", $"{label} harus bilangan bulat.");
        return null;
    }

    protected static DateTimeOffset? ParseWib(Errors errors, string field, string? value, string label)
    {
        if (Indonesian.TryParseWibInput(value, out var instant)) return instant;
        errors.Add(field, $"{field} is not a date and time.", $"{label} bukan tanggal dan jam yang valid.");
        return null;
    }
}
