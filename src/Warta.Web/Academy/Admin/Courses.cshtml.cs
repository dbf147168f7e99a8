using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Academy;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts;

namespace Warta.Web.Academy.Admin;

public sealed class CoursesModel(WartaDb db, TimeProvider clock, PageCache pages) : FormPage
{
    public IReadOnlyList<Course> Courses { get; private set; } = [];
    [BindProperty(SupportsGet = true, Name = "ubah")] public Guid? EditId { get; set; }
    public CourseForm Form { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (EditId is { } id)
        {
            var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
            if (course is null) return NotFound();
            Form = CourseForm.From(course);
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CourseForm form)
    {
        var errors = new Errors();
        decimal? price = null;
        if (!string.IsNullOrWhiteSpace(form.Price))
        {
            if (Indonesian.TryParseRupiah(form.Price, out var p)) price = p;
            else errors.Add("price", "price is not an amount.", "Harga ditulis dalam rupiah tanpa sen, mis. 750000 atau 750.000.");
        }
        var input = new CourseInput
        {
            Title = form.Title, Summary = form.Summary, Price = price,
            StartsAt = ParseWib(errors, "startsAt", form.StartsAt, "Waktu mulai"),
            EndsAt = ParseWib(errors, "endsAt", form.EndsAt, "Waktu selesai"),
            Seats = ParseInt(errors, "seats", form.Seats, "Jumlah kursi"),
            Hashtags = (form.Hashtags ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).ToList(),
        };
        if (!errors.Any)
        {
            (_, errors) = form.Id is { } id
                ? await AcademyModule.UpdateAsync(db, id, input, AcademyModule.Audited(db, clock, HttpContext, AuditActions.CourseSave))
                : await AcademyModule.CreateAsync(db, input, AcademyModule.Audited(db, clock, HttpContext, AuditActions.CourseCreate));
        }
        Outcome(errors, $"Kelas {form.Title} disimpan.");
        if (errors.Any)
        {
            Form = form;
        }
        else
        {
            await pages.EvictAsync(CacheTags.Lists);
        }
        await LoadAsync();
        return Page();
    }

    async Task LoadAsync() => Courses = await db.Courses.AsNoTracking().OrderByDescending(c => c.StartsAt).Take(200).ToListAsync();
}

public sealed class CourseForm
{
    public Guid? Id { get; set; }
    public string? Title { get; set; }
    public string? StartsAt { get; set; }
    public string? EndsAt { get; set; }
    public string? Price { get; set; }
    public string? Seats { get; set; }
    public string? Hashtags { get; set; }
    public string? Summary { get; set; }

    public static CourseForm From(Course c) => new()
    {
        Id = c.Id, Title = c.Title, StartsAt = Indonesian.WibInput(c.StartsAt), EndsAt = Indonesian.WibInput(c.EndsAt),
        Price = c.Price.ToString("0", CultureInfo.InvariantCulture), Seats = c.Seats.ToString(CultureInfo.InvariantCulture),
        Hashtags = string.Join(' ', c.Hashtags.Select(h => "#" + h)), Summary = c.Summary,
    };
}
