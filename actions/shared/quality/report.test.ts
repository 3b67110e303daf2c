import { parseTestReport, TestReportError } from './report';

describe('parseTestReport', () => {
  it('reads Jest JSON: files relative to the workspace, titles and statuses', () => {
    const json = JSON.stringify({
      testResults: [
        {
          name: '/w/test/a.test.ts',
          assertionResults: [
            { title: 'adds', fullName: 'math adds', status: 'passed' },
            { title: 'breaks', fullName: 'math breaks', status: 'failed' },
            { title: 'later', fullName: 'later', status: 'pending' },
          ],
        },
      ],
    });
    expect(parseTestReport(json, '/w')).toEqual([
      { file: 'test/a.test.ts', name: 'adds', fullName: 'math adds', status: 'passed' },
      { file: 'test/a.test.ts', name: 'breaks', fullName: 'math breaks', status: 'failed' },
      { file: 'test/a.test.ts', name: 'later', fullName: 'later', status: 'skipped' },
    ]);
  });

  it("reads JUnit XML as node --test writes it (no file), and with pytest's file attribute", () => {
    const xml = [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<testsuites>',
      '\t<testcase name="sums cart lines" time="0.001" classname="test"/>',
      '\t<testcase name="applies a &quot;percentage&quot; discount" classname="test" failure="x">',
      '\t\t<failure type="testCodeFailure" message="1 !== 2">boom</failure>',
      '\t</testcase>',
      '\t<testcase name="later" classname="test"><skipped type="skipped" message="true"/></testcase>',
      '\t<testcase name="test_ok" file="/w/tests/test_x.py" classname="tests.test_x"></testcase>',
      '</testsuites>',
    ].join('\n');
    expect(parseTestReport(xml, '/w')).toEqual([
      { name: 'sums cart lines', status: 'passed' },
      { name: 'applies a "percentage" discount', status: 'failed' },
      { name: 'later', status: 'skipped' },
      { file: 'tests/test_x.py', name: 'test_ok', status: 'passed' },
    ]);
  });

  it('refuses anything else', () => {
    expect(() => parseTestReport('ok 1 - tap', '/w')).toThrow(TestReportError);
    expect(() => parseTestReport('{"numTests": 1}', '/w')).toThrow('no testResults');
  });
});
