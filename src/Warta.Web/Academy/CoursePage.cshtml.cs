using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Academy;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Academy;

public sealed class CourseModel(WartaDb db) : SitePage
{
    public Course Course { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug);
        if (course is null) return NotFound();
        Course = course;
        PageTitle = course.Title;
        Description = course.Summary;
        return Page();
    }
}
