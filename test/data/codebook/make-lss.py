#!/usr/bin/env python3
"""The hand-made survey files of test/31-codebook.bats: one question of each
LimeSurvey type, in English and German (types.lss, the layout of LimeSurvey 3
to 5: texts in the rows, one row per language) and a small survey in the
layout of LimeSurvey 6 (texts in question_l10ns and answer_l10ns: types6.lss).
Run from the repository root: python3 test/data/codebook/make-lss.py"""
D = 'test/data/codebook/'


def cdata(v):
    return '<![CDATA[%s]]>' % v if v != '' else ''


def table(name, fields, rows):
    out = [' <%s>' % name, '  <fields>']
    out += ['   <fieldname>%s</fieldname>' % f for f in fields]
    out += ['  </fields>', '  <rows>']
    for r in rows:
        out.append('   <row>')
        for f in fields:
            v = str(r.get(f, ''))
            out.append('    <%s>%s</%s>' % (f, cdata(v), f) if v != '' else '    <%s/>' % f)
        out.append('   </row>')
    out += ['  </rows>', ' </%s>' % name]
    return out


LANGS = ['en', 'de']
# qid, gid, type, title, text (en, de), other, order
QUESTIONS = [
    (10, 1, 'L', 'Q1', ('Your <b>highest</b> degree?', 'Ihr höchster Abschluss?'), 'Y', 1),
    (11, 1, '!', 'Q2', ('Your country?', 'Ihr Land?'), 'N', 2),
    (12, 1, 'O', 'Q3', ('Your role?', 'Ihre Rolle?'), 'N', 3),
    (13, 1, 'F', 'Q4', ('Agree with:<style>.x { color: red }</style>', 'Stimmen Sie zu:'), 'N', 4),
    (14, 1, 'A', 'Q5', ('Rate 1 to 5:', 'Bewerten Sie 1 bis 5:'), 'N', 5),
    (15, 1, 'B', 'Q6', ('Rate 1 to 10:', 'Bewerten Sie 1 bis 10:'), 'N', 6),
    (16, 1, 'C', 'Q7', ('Yes, uncertain, no:', 'Ja, unsicher, nein:'), 'N', 7),
    (17, 1, 'E', 'Q8', ('More or less:', 'Mehr oder weniger:'), 'N', 8),
    (18, 1, 'H', 'Q9', ('By column:', 'Nach Spalte:'), 'N', 9),
    (19, 2, 'M', 'Q10', ('Which tools?', 'Welche Werkzeuge?'), 'Y', 1),
    (20, 2, 'P', 'Q11', ('Which tools, why?', 'Welche Werkzeuge, warum?'), 'N', 2),
    (21, 2, 'Y', 'Q12', ('Student?', 'Student?'), 'N', 3),
    (22, 2, 'N', 'Q13', ('Age?', 'Alter?'), 'N', 4),
    (23, 2, 'K', 'Q14', ('Hours per day:', 'Stunden pro Tag:'), 'N', 5),
    (24, 2, 'S', 'Q15', ('Name?', 'Name?'), 'N', 6),
    (25, 2, 'T', 'Q16', ('Comments?', 'Kommentare?'), 'N', 7),
    (26, 2, 'U', 'Q17', ('Essay?', 'Aufsatz?'), 'N', 8),
    (27, 2, '5', 'Q18', ('Five points:', 'Fünf Punkte:'), 'N', 9),
    (28, 2, 'G', 'Q19', ('Gender?', 'Geschlecht?'), 'N', 10),
    (29, 2, 'D', 'Q20', ('Date?', 'Datum?'), 'N', 11),
    (30, 2, 'X', 'Q21', ('Thank you.', 'Danke.'), 'N', 12),
    (31, 2, 'R', 'Q22', ('Rank:', 'Reihenfolge:'), 'N', 13),
    (32, 2, ':', 'Q23', ('Numbers array:', 'Zahlenmatrix:'), 'N', 14),
    (33, 2, ';', 'Q24', ('Texts array:', 'Textmatrix:'), 'N', 15),
    (34, 2, '1', 'Q25', ('Dual scale:', 'Doppelskala:'), 'N', 16),
]
# parent qid: (title, en, de, scale)
SUBS = {
    13: [('SQ001', 'It is <i>useful</i>', 'Es ist nützlich', 0), ('SQ002', 'It is fast', 'Es ist schnell', 0)],
    14: [('SQ001', 'Speed', 'Tempo', 0)],
    15: [('SQ001', 'Speed', 'Tempo', 0)],
    16: [('SQ001', 'Speed', 'Tempo', 0)],
    17: [('SQ001', 'Speed', 'Tempo', 0)],
    18: [('SQ001', 'Speed', 'Tempo', 0)],
    19: [('SQ001', 'R', 'R', 0), ('SQ002', 'Python &amp; friends', 'Python &amp; Co.', 0)],
    20: [('SQ001', 'R', 'R', 0)],
    23: [('SQ001', 'Work', 'Arbeit', 0), ('SQ002', 'Home', 'Zuhause', 0)],
    32: [('SQ001', 'Row', 'Zeile', 0), ('SQ002', 'Col', 'Spalte', 1)],
    33: [('SQ001', 'Row', 'Zeile', 0), ('SQ002', 'Col', 'Spalte', 1)],
    34: [('SQ001', 'Item', 'Punkt', 0)],
}
# qid: [(code, en, de, sortorder, assessment, scale)]
ANSWERS = {
    10: [('A1', 'Bachelor', 'Bachelor', 1, 0, 0), ('A2', 'Master', 'Master', 2, 0, 0),
         ('A3', 'Doctorate', 'Promotion', 3, 0, 0)],
    11: [('DE', 'Germany', 'Deutschland', 1, 0, 0), ('FR', 'France', 'Frankreich', 2, 0, 0)],
    12: [('A1', 'Developer', 'Entwickler', 1, 0, 0), ('A2', 'Manager', 'Manager', 2, 0, 0)],
    13: [('A1', 'Agree', 'Stimme zu', 1, 2, 0), ('A2', 'Disagree', 'Stimme nicht zu', 2, -2, 0),
         ('A3', 'No answer', 'Keine Angabe', 3, 0, 0)],
    18: [('A1', ' Low ', ' Niedrig ', 2, 0, 0), ('A2', 'High', 'Hoch', 1, 0, 0)],
    31: [('A1', 'Red', 'Rot', 1, 0, 0), ('A2', 'Blue', 'Blau', 2, 0, 0)],
    34: [('A1', 'Good', 'Gut', 1, 0, 0), ('A2', 'Bad', 'Schlecht', 2, 0, 0),
         ('B1', 'Often', 'Oft', 1, 0, 1), ('B2', 'Rarely', 'Selten', 2, 0, 1)],
}


def ls5():
    qf = ['qid', 'parent_qid', 'sid', 'gid', 'type', 'title', 'question', 'other',
          'question_order', 'language', 'scale_id']
    qrows, srows, arows, grows = [], [], [], []
    for gid, order in ((1, 1), (2, 2)):
        for li, l in enumerate(LANGS):
            grows.append({'gid': gid, 'group_name': 'Group %d' % gid, 'group_order': order,
                          'language': l})
    sub = 100
    for qid, gid, t, title, texts, other, order in QUESTIONS:
        for li, l in enumerate(LANGS):
            qrows.append({'qid': qid, 'parent_qid': 0, 'sid': 1, 'gid': gid, 'type': t,
                          'title': title, 'question': texts[li], 'other': other,
                          'question_order': order, 'language': l, 'scale_id': 0})
        for k, (st, en, de, scale) in enumerate(SUBS.get(qid, [])):
            sub += 1
            for li, l in enumerate(LANGS):
                srows.append({'qid': sub, 'parent_qid': qid, 'sid': 1, 'gid': gid, 'type': 'T',
                              'title': st, 'question': (en, de)[li], 'other': 'N',
                              'question_order': k + 1, 'language': l, 'scale_id': scale})
        for code, en, de, so, ass, scale in ANSWERS.get(qid, []):
            for li, l in enumerate(LANGS):
                arows.append({'qid': qid, 'code': code, 'answer': (en, de)[li], 'sortorder': so,
                              'assessment_value': ass, 'language': l, 'scale_id': scale})
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<document>',
           ' <LimeSurveyDocType>Survey</LimeSurveyDocType>', ' <DBVersion>366</DBVersion>',
           ' <languages>'] + ['  <language>%s</language>' % l for l in LANGS] + [' </languages>']
    out += table('answers', ['qid', 'code', 'answer', 'sortorder', 'assessment_value',
                             'language', 'scale_id'], arows)
    out += table('groups', ['gid', 'group_name', 'group_order', 'language'], grows)
    out += table('questions', qf, qrows)
    out += table('subquestions', qf, srows)
    out += table('surveys', ['sid', 'language', 'additional_languages'],
                 [{'sid': 1, 'language': 'en', 'additional_languages': 'de'}])
    out.append('</document>')
    return '\n'.join(out) + '\n'


def ls6():
    """LimeSurvey 6: texts in l10n tables; German is the base language."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<document>',
           ' <LimeSurveyDocType>Survey</LimeSurveyDocType>', ' <DBVersion>600</DBVersion>',
           ' <languages>', '  <language>en</language>', '  <language>de</language>',
           ' </languages>']
    out += table('answers', ['aid', 'qid', 'code', 'sortorder', 'assessment_value', 'scale_id'],
                 [{'aid': 1, 'qid': 1, 'code': 'A1', 'sortorder': 1, 'assessment_value': 0,
                   'scale_id': 0},
                  {'aid': 2, 'qid': 1, 'code': 'A2', 'sortorder': 2, 'assessment_value': 0,
                   'scale_id': 0}])
    out += table('answer_l10ns', ['id', 'aid', 'answer', 'language'],
                 [{'id': 1, 'aid': 1, 'answer': 'Often', 'language': 'en'},
                  {'id': 2, 'aid': 1, 'answer': 'Oft', 'language': 'de'},
                  {'id': 3, 'aid': 2, 'answer': 'Never', 'language': 'en'},
                  {'id': 4, 'aid': 2, 'answer': 'Nie', 'language': 'de'}])
    out += table('groups', ['gid', 'sid', 'group_order'], [{'gid': 1, 'sid': 1, 'group_order': 1}])
    out += table('questions', ['qid', 'parent_qid', 'sid', 'gid', 'type', 'title', 'other',
                               'question_order', 'scale_id'],
                 [{'qid': 1, 'parent_qid': 0, 'sid': 1, 'gid': 1, 'type': 'F', 'title': 'Use',
                   'other': 'N', 'question_order': 1, 'scale_id': 0}])
    out += table('subquestions', ['qid', 'parent_qid', 'sid', 'gid', 'type', 'title', 'other',
                                  'question_order', 'scale_id'],
                 [{'qid': 2, 'parent_qid': 1, 'sid': 1, 'gid': 1, 'type': 'T', 'title': 'SQ001',
                   'other': 'N', 'question_order': 1, 'scale_id': 0}])
    out += table('question_l10ns', ['id', 'qid', 'question', 'language'],
                 [{'id': 1, 'qid': 1, 'question': 'How often do you use', 'language': 'en'},
                  {'id': 2, 'qid': 1, 'question': 'Wie oft nutzen Sie', 'language': 'de'},
                  {'id': 3, 'qid': 2, 'question': 'Git', 'language': 'en'},
                  {'id': 4, 'qid': 2, 'question': 'Git', 'language': 'de'}])
    out += table('surveys', ['sid', 'language', 'additional_languages'],
                 [{'sid': 1, 'language': 'de', 'additional_languages': 'en'}])
    out.append('</document>')
    return '\n'.join(out) + '\n'


open(D + 'types.lss', 'w').write(ls5())
open(D + 'types6.lss', 'w').write(ls6())
open(D + 'empty.lss', 'w').write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<document>\n'
    ' <LimeSurveyDocType>Survey</LimeSurveyDocType>\n'
    ' <languages>\n  <language>en</language>\n </languages>\n</document>\n')
open(D + 'bad.lss', 'w').write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<document>\n'
    ' <LimeSurveyDocType>Survey</LimeSurveyDocType>\n <questions>\n</document>\n')
open(D + 'not-limesurvey.lss', 'w').write('<?xml version="1.0"?>\n<html><body/></html>\n')
