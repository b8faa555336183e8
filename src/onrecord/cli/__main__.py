from onrecord.cli import main; import sys; sys.exit(main())
