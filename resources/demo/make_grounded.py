"""Write resources/demo/grounded.jsonl: the demo's grounded legal-research task.

Run from anywhere: ``python resources/demo/make_grounded.py``. The task is hand-written
for the demo: a question on a California non-compete, five short source documents
(excerpts of Business and Professions Code sections 16600, 16600.5, 16600.1 and 16601,
and a summary of Edwards v. Arthur Andersen LLP), and two answers that cite them: the
first cites the wrong section for one claim, the second makes a claim no document
supports and cites a document that does not exist ([6]).
"""

# ruff: noqa: E501 (the answers are markdown, one paragraph a line)
import json
from pathlib import Path

BPC = "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=BPC&sectionNum="
docs = [
    {
        "id": "1",
        "title": "Cal. Bus. & Prof. Code § 16600 (excerpt, as amended in 2024)",
        "source": BPC + "16600.",
        "text": (
            "**§ 16600.** (a) Except as provided in this chapter, every contract by which anyone "
            "is restrained from engaging in a lawful profession, trade, or business of any kind "
            "is to that extent void.\n\n"
            "(b)(1) This section shall be read broadly, in accordance with *Edwards v. Arthur "
            "Andersen LLP* (2008) 44 Cal.4th 937, to void the application of any noncompete "
            "agreement in an employment context, or any noncompete clause in an employment "
            "contract, no matter how narrowly tailored, that does not satisfy an exception in "
            "this chapter.\n\n"
            "(c) This section shall not be limited to contracts where the person being "
            "restrained is a party to the contract."
        ),
    },
    {
        "id": "2",
        "title": "Cal. Bus. & Prof. Code § 16600.5 (SB 699, in force 1 January 2024)",
        "source": BPC + "16600.5.",
        "text": (
            "**§ 16600.5.** (a) Any contract that is void under this chapter is unenforceable "
            "regardless of where and when the contract was signed.\n\n"
            "(b) An employer or former employer shall not attempt to enforce a contract that is "
            "void under this chapter regardless of whether the contract was signed and the "
            "employment was maintained outside of California.\n\n"
            "(c) An employer shall not enter into a contract with an employee or prospective "
            "employee that includes a provision that is void under this chapter.\n\n"
            "(d) An employer that enters into a contract that is void under this chapter or "
            "attempts to enforce a contract that is void under this chapter commits a civil "
            "violation.\n\n"
            "(e)(1) An employee, former employee, or prospective employee may bring a private "
            "action to enforce this chapter for injunctive relief or the recovery of actual "
            "damages, or both.\n\n"
            "(2) In addition to the remedies described in paragraph (1), a prevailing employee, "
            "former employee, or prospective employee in an action based on a violation of this "
            "chapter shall be entitled to recover reasonable attorney's fees and costs."
        ),
    },
    {
        "id": "3",
        "title": "Cal. Bus. & Prof. Code § 16600.1 (AB 1076: the notice employers had to send)",
        "source": BPC + "16600.1.",
        "text": (
            "**§ 16600.1.** (a) It shall be unlawful to include a noncompete clause in an "
            "employment contract, or to require an employee to enter a noncompete agreement, "
            "that does not satisfy an exception in this chapter.\n\n"
            "(b)(1) For current employees, and for former employees who were employed after "
            "January 1, 2022, whose contracts include a noncompete clause, or who were required "
            "to enter a noncompete agreement, that does not satisfy an exception to this "
            "chapter, an employer shall, by February 14, 2024, notify the employee that the "
            "noncompete clause or noncompete agreement is void.\n\n"
            "(2) The notice made pursuant to this subdivision shall be in the form of a written "
            "individualized communication to the employee or former employee, and shall be "
            "delivered to the last known address and the email address of the employee or "
            "former employee.\n\n"
            "(c) A violation of this section constitutes an act of unfair competition within the "
            "meaning of Chapter 5 (commencing with Section 17200) of Part 2 of Division 7."
        ),
    },
    {
        "id": "4",
        "title": "Edwards v. Arthur Andersen LLP (2008) 44 Cal.4th 937 (case summary)",
        "source": "Supreme Court of California, 7 August 2008; 44 Cal.4th 937",
        "text": (
            "An accounting firm's employee signed an agreement barring him, for limited "
            "periods after leaving, from performing services for or soliciting the firm's "
            "clients. The California Supreme Court held the agreement invalid under Business "
            "and Professions Code section 16600.\n\n"
            'The court declined to adopt the "narrow-restraint" exception that some federal '
            "courts had read into the statute: an employee noncompetition agreement is invalid "
            "however narrowly it is drawn, unless it falls within one of the statutory "
            "exceptions (sections 16601 to 16602.5: the sale of a business or the dissolution "
            "of a partnership or limited liability company)."
        ),
    },
    {
        "id": "5",
        "title": "Cal. Bus. & Prof. Code § 16601 (sale of a business: excerpt)",
        "source": BPC + "16601.",
        "text": (
            "**§ 16601.** Any person who sells the goodwill of a business, or any owner of a "
            "business entity selling or otherwise disposing of all of his or her ownership "
            "interest in the business entity, [...] may agree with the buyer to refrain from "
            "carrying on a similar business within a specified geographic area in which the "
            "business so sold [...] has been carried on, so long as the buyer, or any person "
            "deriving title to the goodwill or ownership interest from the buyer, carries on a "
            "like business therein."
        ),
    },
]
a = """## Short answer

No. The non-compete is void and her former employer may not enforce it, even though she signed it in 2021.

## Why

- California voids every contract that restrains anyone from a lawful profession, trade or business, except under the chapter's own exceptions [1].
- The rule is read broadly: an employment non-compete is void *no matter how narrowly tailored* [1], and the courts reject a "narrow-restraint" exception [4].
- A void non-compete is unenforceable regardless of where and when it was signed [2], so the 2021 date does not help the employer.
- The sale-of-business exception [5] does not apply: she sold no interest in a business.

## What she can do

1. Answer the letter: the clause is void, and trying to enforce it is itself a civil violation [2].
2. If the employer persists, sue for an injunction, actual damages and reasonable attorney's fees [2].
3. Ask whether the employer sent her the individual notice, due by 14 February 2024 to former employees employed after 1 January 2022, that the clause is void [2]; failing to send it is unfair competition under § 17200 [3]."""
b = """**Probably not enforceable.**

Contracts that restrain anyone from a lawful profession are void in California [1, 4], and since 2024 an employer may not even attempt to enforce one [2]. If it tries, she can sue for damages and attorney's fees [2].

That said, a court may still enforce a restriction limited to soliciting the employer's own customers, so she should avoid contacting them for now.

She should also return any confidential customer lists, which remain protected as trade secrets [6]."""
row = {
    "id": "grounded-noncompete",
    "prompt": (
        "Our client is a sales manager in San Diego. In 2021 she signed an employment "
        "agreement with a two-year non-compete covering all of California. She resigned in "
        "March 2024 to join a competitor, and her former employer has sent her a "
        "cease-and-desist letter threatening to sue. Is the non-compete enforceable, and what "
        "can she do? Answer from the documents provided and cite them by number."
    ),
    "documents": docs,
    "responses": [
        {"model": "hand-written example (one wrong citation)", "text": a},
        {"model": "hand-written example (an unsupported claim, a citation of nothing)", "text": b},
    ],
}
with (Path(__file__).parent / "grounded.jsonl").open("w", encoding="utf-8") as fh:
    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
