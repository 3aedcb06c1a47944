"""Reading a commune's plan document (.docx or .txt) into a draft of the plan files.

``read.read_blocks`` turns the document into paragraphs and table rows in reading
order; ``extract.extract`` finds in them the header, the targets, the units and their
tasks, the reporting deadline, the recipients and the signature. Every item keeps the
paragraph it came from, and whatever held a figure but was not placed is kept as a
note, so that the draft drops nothing silently.
"""
