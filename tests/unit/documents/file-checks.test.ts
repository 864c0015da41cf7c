import { describe, expect, it } from "vitest";
import { checkFileName, checkUpload, detectType } from "@/server/domain/documents/file-checks";

const PDF = new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n1 0 obj<<>>endobj\n%%EOF");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const HTML = new TextEncoder().encode("<!doctype html><script>alert(document.cookie)</script>");
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
const limits = { maxBytes: 1024, allowedTypes: ["application/pdf", "image/jpeg", "image/png"] };

describe("detectType", () => {
  it("recognises PDF, PNG and JPEG by their bytes and nothing else", () => {
    expect(detectType(PDF)).toBe("application/pdf");
    expect(detectType(PNG)).toBe("image/png");
    expect(detectType(JPEG)).toBe("image/jpeg");
    expect(detectType(HTML)).toBeNull();
    expect(detectType(SVG)).toBeNull();
    expect(detectType(new Uint8Array([0x25, 0x50]))).toBeNull(); // truncated signature
    expect(detectType(new TextEncoder().encode(" %PDF-1.4"))).toBeNull(); // must be at offset 0
  });
});

describe("checkFileName", () => {
  it.each(["../../etc/passwd.pdf", "a/b.pdf", "C:\\x\\y.pdf", "..pdf", "c:evil.pdf"])("refuses a path in %j", (n) => expect(checkFileName(n)).toBe("document.err.namePath"));
  it.each(["a\u0000.pdf", 'say"hi".pdf', "x<y>.png", "line\nbreak.pdf"])("refuses unsafe characters in %j", (n) => expect(checkFileName(n)).toBe("document.err.nameChars"));
  it("refuses empty and over-long names, accepts ordinary Chinese and English names", () => {
    expect(checkFileName("  ")).toBe("document.err.nameEmpty");
    expect(checkFileName(`${"a".repeat(150)}.pdf`)).toBe("document.err.nameLong");
    expect(checkFileName("2025年审计报告 final v2.pdf")).toBeNull();
  });
});

describe("checkUpload", () => {
  it("accepts each allowed type with a matching extension", () => {
    expect(checkUpload("report.PDF", PDF, limits)).toEqual({ ok: true, type: "application/pdf" });
    expect(checkUpload("scan.jpeg", JPEG, limits)).toEqual({ ok: true, type: "image/jpeg" });
    expect(checkUpload("id.png", PNG, limits)).toEqual({ ok: true, type: "image/png" });
  });
  it("refuses renamed HTML and SVG whatever their names say", () => {
    expect(checkUpload("statement.pdf", HTML, limits)).toMatchObject({ ok: false, problem: { reason: "document.err.type" } });
    expect(checkUpload("logo.png", SVG, limits)).toMatchObject({ ok: false, problem: { reason: "document.err.type" } });
  });
  it("refuses a real PDF named .png (the name would mislead whoever opens it)", () => {
    expect(checkUpload("photo.png", PDF, limits)).toMatchObject({ ok: false, problem: { reason: "document.err.extension" } });
  });
  it("refuses oversize and empty files, at the exact limit accepts", () => {
    const big = new Uint8Array(1025);
    big.set(PDF.subarray(0, 5));
    expect(checkUpload("a.pdf", big, limits)).toMatchObject({ ok: false, problem: { reason: "document.err.tooLarge", params: { mb: "0.0" } } });
    expect(checkUpload("a.pdf", big.subarray(0, 1024), limits)).toMatchObject({ ok: true });
    expect(checkUpload("a.pdf", new Uint8Array(0), limits)).toMatchObject({ ok: false, problem: { reason: "document.err.empty" } });
  });
  it("refuses a type the administrator has switched off", () => {
    expect(checkUpload("id.png", PNG, { ...limits, allowedTypes: ["application/pdf"] })).toMatchObject({ ok: false, problem: { reason: "document.err.type" } });
  });
  it("checks the name before the content", () => {
    expect(checkUpload("../x.pdf", HTML, limits)).toMatchObject({ ok: false, problem: { reason: "document.err.namePath" } });
  });
});
